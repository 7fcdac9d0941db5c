/*
 * lp_clp.c: lp.h on COIN-OR Clp (EPL-2.0, Debian coinor-libclp-dev) through
 * its C interface.  Nothing else in the extension knows which solver it is.
 *
 * Clp's own scaling is off: callers hand it models already in units where
 * the quantities are of order 1 (that halves the solve time of the
 * replenishment models).  A solve runs in chunks of at most
 * LP_CHUNK_ITERATIONS iterations (fewer for models of many rows, see lp.h): when a chunk ends on the iteration limit, the caller's
 * interrupt callback is asked, and the solve goes on from the basis reached.
 */
#include "lp.h"

#include <stddef.h>

#include <coin/Clp_C_Interface.h>

/* An LpModel is the solver's own model object, behind an opaque type. */

LpModel *
lp_new(int ncols, int nrows, const int *start, const int *index, const double *value,
	   const double *collo, const double *colup, const double *obj, const double *rowlo,
	   const double *rowup)
{
	Clp_Simplex *clp = Clp_newModel();

	if (clp == NULL)
		return NULL;
	Clp_setLogLevel(clp, 0);
	Clp_loadProblem(clp, ncols, nrows, start, index, value, collo, colup, obj, rowlo, rowup);
	Clp_setPrimalTolerance(clp, LP_TOLERANCE);
	Clp_setDualTolerance(clp, LP_TOLERANCE);
	Clp_scaling(clp, 0);
	return (LpModel *) clp;
}

void
lp_free(LpModel *m)
{
	if (m != NULL)
		Clp_deleteModel((Clp_Simplex *) m);
}

LpStatus
lp_solve(LpModel *m, bool primal, LpInterrupt interrupt, void *arg)
{
	Clp_Simplex *clp = (Clp_Simplex *) m;
	int			rows = Clp_numberRows(clp);
	/* iterations cost about in proportion to the rows: large models check more often */
	int			chunk = rows > LP_CHUNK_WORK / LP_CHUNK_ITERATIONS ? LP_CHUNK_WORK / rows : LP_CHUNK_ITERATIONS;

	if (chunk < LP_CHUNK_MIN)
		chunk = LP_CHUNK_MIN;
	for (;;)
	{
		int			status;

		/* Clp counts on from the iterations of the chunk before */
		Clp_setMaximumIterations(clp, Clp_numberIterations(clp) + chunk);
		if (primal)
			Clp_primal(clp, 0);
		else
			Clp_dual(clp, 0);
		status = Clp_status(clp);
		if (status == 0)
			return LP_OPTIMAL;
		if (status == 1)
			return LP_INFEASIBLE;
		if (status == 2)
			return LP_UNBOUNDED;
		if (status != 3 || !Clp_hitMaximumIterations(clp))
			return LP_FAILED;
		if (interrupt != NULL && interrupt(arg))
			return LP_INTERRUPTED;
	}
}

void
lp_set_objective(LpModel *m, const double *obj)
{
	Clp_chgObjCoefficients((Clp_Simplex *) m, obj);
}

void
lp_add_row(LpModel *m, int nz, const int *cols, const double *vals, double lo, double up)
{
	int			starts[2] = {0, nz};

	Clp_addRows((Clp_Simplex *) m, 1, &lo, &up, starts, cols, vals);
}

void
lp_set_column_bounds(LpModel *m, const double *lo, const double *up)
{
	Clp_chgColumnLower((Clp_Simplex *) m, lo);
	Clp_chgColumnUpper((Clp_Simplex *) m, up);
}

void
lp_set_row_bounds(LpModel *m, const double *lo, const double *up)
{
	Clp_chgRowLower((Clp_Simplex *) m, lo);
	Clp_chgRowUpper((Clp_Simplex *) m, up);
}

const double *
lp_reduced_costs(LpModel *m)
{
	return Clp_getReducedCost((Clp_Simplex *) m);
}

const double *
lp_row_duals(LpModel *m)
{
	return Clp_getRowPrice((Clp_Simplex *) m);
}

const double *
lp_solution(LpModel *m)
{
	return Clp_getColSolution((Clp_Simplex *) m);
}

double
lp_objective(LpModel *m)
{
	return Clp_getObjValue((Clp_Simplex *) m);
}

const char *
lp_solver_version(void)
{
	return Clp_Version();
}
