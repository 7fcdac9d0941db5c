/*
 * lp.h: a thin, solver-neutral interface to the linear programming library
 * the extension links (COIN-OR Clp, through its C++ API; see lp_clp.cpp).
 * Callable from C; the only C++ file of the extension is that adapter.
 *
 * Models are minimisations over columns with bounds and rows with ranges,
 * given as a column-major sparse matrix.  During a solve the caller's
 * interrupt callback is asked after every simplex iteration whether to stop,
 * so a long solve can be cancelled without unwinding through the solver's
 * C++ frames (the callback must only look, never longjmp).  The solver
 * allocates with its own allocator: every model must be lp_free'd.
 */
#ifndef DP_LP_H
#define DP_LP_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C"
{
#endif

/* Bound value meaning "no bound". */
#define LP_INF 1e300

typedef enum LpStatus
{
	LP_OPTIMAL = 0,
	LP_INFEASIBLE,
	LP_UNBOUNDED,
	LP_INTERRUPTED,				/* the callback asked to stop */
	LP_FAILED					/* numerical trouble or any other solver failure */
} LpStatus;

/* Returns true to stop the solve (e.g. a query cancel is pending). */
typedef bool (*LpInterrupt) (void *arg);

typedef struct LpModel LpModel;

/*
 * A model of ncols columns and nrows rows: column j has the entries
 * index[start[j] .. start[j+1]-1] (row numbers, ascending) with value[],
 * bounds [collo, colup], objective obj; row i has range [rowlo, rowup].
 * Tolerances: primal and dual feasibility LP_TOLERANCE.  NULL on failure.
 */
#define LP_TOLERANCE 1e-9
extern LpModel *lp_new(int ncols, int nrows, const int *start, const int *index,
					   const double *value, const double *collo, const double *colup,
					   const double *obj, const double *rowlo, const double *rowup);
extern void lp_free(LpModel *m);

/* Solve from the current basis: dual simplex (cold start) or primal (warm start after a change of objective or an added row). */
extern LpStatus lp_solve(LpModel *m, bool primal, LpInterrupt interrupt, void *arg);

/* Changes of a model (one that fails, out of memory say, makes the next solve LP_FAILED): */
/* Replace the objective (ncols coefficients). */
extern void lp_set_objective(LpModel *m, const double *obj);
/* Add one row lo <= sum vals[k] * x[cols[k]] <= up. */
extern void lp_add_row(LpModel *m, int nz, const int *cols, const double *vals, double lo, double up);
/* Replace every column's bounds, every row's range (arrays of the current sizes). */
extern void lp_set_column_bounds(LpModel *m, const double *lo, const double *up);
extern void lp_set_row_bounds(LpModel *m, const double *lo, const double *up);
/* Reduced costs of the columns and duals of the rows after an optimal solve. */
extern const double *lp_reduced_costs(LpModel *m);
extern const double *lp_row_duals(LpModel *m);
/* The column values and the objective value of the last solve. */
extern const double *lp_solution(LpModel *m);
extern double lp_objective(LpModel *m);
/* The solver library's version, e.g. "1.17.6" (of COIN-OR Clp). */
extern const char *lp_solver_version(void);

#ifdef __cplusplus
}
#endif

#endif
