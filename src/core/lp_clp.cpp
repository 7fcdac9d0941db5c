/*
 * lp_clp.cpp: lp.h on COIN-OR Clp (EPL-2.0, Debian coinor-libclp-dev).
 * Nothing else in the extension knows which solver it is.
 *
 * C++ because of interrupts: Clp's C interface can only stop a solve at an
 * iteration limit, and restarting it from there costs a refactorisation
 * (about 100 ms on a model of 100000 rows, and later iterations cost more),
 * so a chunked solve was slow to cancel and slower to finish (1.5x on a
 * model of 30000 rows).  A ClpEventHandler is asked after every simplex
 * iteration and every refactorisation; it asks the caller's callback, and
 * the solve stops there with Clp's status 5.  Nothing here unwinds through the caller's frames:
 * the callback only reads a flag, and every solver exception (a failed
 * allocation, say) is caught here and becomes a failed model or solve.
 *
 * Clp's own scaling is off: callers hand it models already in units where
 * the quantities are of order 1 (that halves the solve time of the
 * replenishment models).
 */
#include "lp.h"

#include <coin/ClpEventHandler.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/Clp_C_Interface.h>

namespace
{

/* Asks the callback at the events after which Clp stops when told to (returns 0). */
class InterruptHandler : public ClpEventHandler
{
public:
	InterruptHandler(LpInterrupt interrupt, void *arg) : interrupt_(interrupt), arg_(arg) {}

	int event(Event which) override
	{
		if (which != endOfIteration && which != endOfFactorization && which != endOfValuesPass)
			return -1;
		return interrupt_ != nullptr && interrupt_(arg_) ? 0 : -1;
	}

	ClpEventHandler *clone() const override
	{
		return new InterruptHandler(*this);
	}

private:
	LpInterrupt interrupt_;
	void	   *arg_;
};

}								/* namespace */

/* The solver's model, and whether a change to it failed (the next solve then fails). */
struct LpModel
{
	ClpSimplex	clp;
	bool		broken = false;
};

LpModel *
lp_new(int ncols, int nrows, const int *start, const int *index, const double *value,
	   const double *collo, const double *colup, const double *obj, const double *rowlo,
	   const double *rowup)
{
	LpModel    *m = nullptr;

	try
	{
		m = new LpModel;
		m->clp.setLogLevel(0);
		m->clp.loadProblem(ncols, nrows, start, index, value, collo, colup, obj, rowlo, rowup);
		m->clp.setPrimalTolerance(LP_TOLERANCE);
		m->clp.setDualTolerance(LP_TOLERANCE);
		m->clp.scaling(0);
		return m;
	}
	catch (...)
	{
		delete m;
		return nullptr;
	}
}

void
lp_free(LpModel *m)
{
	delete m;
}

LpStatus
lp_solve(LpModel *m, bool primal, LpInterrupt interrupt, void *arg)
{
	if (m->broken)
		return LP_FAILED;
	try
	{
		InterruptHandler handler(interrupt, arg);

		/* Clp keeps a copy of the handler, replaced by the next solve's */
		m->clp.passInEventHandler(&handler);
		if (primal)
			m->clp.primal(0);
		else
			m->clp.dual(0);
	}
	catch (...)
	{
		m->broken = true;
		return LP_FAILED;
	}
	switch (m->clp.status())
	{
		case 0:
			return LP_OPTIMAL;
		case 1:
			return LP_INFEASIBLE;
		case 2:
			return LP_UNBOUNDED;
		case 5:
			return LP_INTERRUPTED;
		default:
			return LP_FAILED;
	}
}

/* Run a change to the model; a failure marks it broken. */
template <typename F>
static void
change(LpModel *m, F f)
{
	try
	{
		f(m->clp);
	}
	catch (...)
	{
		m->broken = true;
	}
}

void
lp_set_objective(LpModel *m, const double *obj)
{
	change(m, [&](ClpSimplex &c) { c.chgObjCoefficients(obj); });
}

void
lp_add_row(LpModel *m, int nz, const int *cols, const double *vals, double lo, double up)
{
	const int	starts[2] = {0, nz};

	change(m, [&](ClpSimplex &c) { c.addRows(1, &lo, &up, starts, cols, vals); });
}

void
lp_set_column_bounds(LpModel *m, const double *lo, const double *up)
{
	change(m, [&](ClpSimplex &c) { c.chgColumnLower(lo); c.chgColumnUpper(up); });
}

void
lp_set_row_bounds(LpModel *m, const double *lo, const double *up)
{
	change(m, [&](ClpSimplex &c) { c.chgRowLower(lo); c.chgRowUpper(up); });
}

const double *
lp_reduced_costs(LpModel *m)
{
	return m->clp.getReducedCost();
}

const double *
lp_row_duals(LpModel *m)
{
	return m->clp.getRowPrice();
}

const double *
lp_solution(LpModel *m)
{
	return m->clp.getColSolution();
}

double
lp_objective(LpModel *m)
{
	return m->clp.getObjValue();
}

const char *
lp_solver_version(void)
{
	return Clp_Version();
}
