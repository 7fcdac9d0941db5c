/*
 * outlook_core.h: one stockpile's outlook in one pass, in plain C.
 *
 * The materialised outlook needs, per stockpile, the automatic forecast and
 * its fit, the projected stock, the depletion and replenishment dates, the
 * days of supply and the simulated stock-out risk.  Computed by separate SQL
 * functions, the forecast is fitted twice and the vectors are laid out and
 * checked once per function; here the history is fitted once and every
 * figure is derived from that one fit.  Each figure equals what the
 * stockpile module's function of the same meaning returns for the same
 * inputs (the forecast: dp.forecast(history, horizon) with method auto,
 * clipped at 0; the risk: dp.simulate_stock's p_stockout_by after the risk
 * periods, normal demand with sd the forecast's in-sample RMSE), to the bit.
 *
 * Layout: the history is the history_n periods before period `first`; the
 * supply, forecast and projection are the horizon periods from `first`.
 */
#ifndef DP_OUTLOOK_CORE_H
#define DP_OUTLOOK_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "dp_error.h"
#include "forecast_core.h"
#include "random.h"

/* What to compute: the same for every stockpile of one refresh. */
typedef struct OutlookSpec
{
	int32_t		history_n;		/* periods of history fitted (>= 1) */
	int32_t		horizon;		/* periods forecast and projected (>= 1) */
	int32_t		risk_periods;	/* periods of the stock-out simulation (>= 0, <= horizon) */
	int32_t		trials;			/* simulation trials (1 .. STOCK_SIM_MAX_TRIALS) */
} OutlookSpec;

/* One stockpile's inputs. */
typedef struct OutlookInput
{
	double		on_hand;		/* stock at the start of period first (>= 0, finite) */
	bool		has_target;
	double		target;			/* stock objective (finite) when has_target */
	DpPeriod	period;
	int64_t		first;			/* index of the first projected period */
	const double *history;		/* spec.history_n values, periods first - history_n .. first - 1 */
	const double *supply;		/* spec.horizon values from first */
} OutlookInput;

/* One stockpile's outlook; the arrays are the caller's, spec.horizon values each. */
typedef struct OutlookResult
{
	FcModel		model;			/* the method auto chose, its parameters and in-sample fit */
	FcDemandClass demand_class; /* Syntetos-Boylan class of the history */
	double	   *forecast;		/* forecast, clipped at 0 */
	double	   *closing;		/* projected closing stock per period (backorder) */
	double		mean_demand;	/* mean forecast per period */
	double		mean_supply;	/* mean supply per period */
	bool		depletion_found;
	int64_t		depletion_day;	/* first day at whose end the stock is at or below 0 */
	bool		replenish_found;	/* false also without a target */
	int64_t		replenish_day;	/* first day, after falling below target, back at target */
	bool		days_isnull;
	double		days_of_supply;
	bool		risk_isnull;	/* no risk periods */
	double		stockout_risk;	/* share of trials with a stock-out within the risk periods */
	bool		risk_simulated; /* false when the bounds below decided it without drawing */
} OutlookResult;

/*
 * The largest |z| rnd_normal can return: Box-Muller's radius
 * sqrt(-2 ln(1 - u1)) with 1 - u1 >= 2^-52 (uniforms are multiples of 2^-52
 * below 1) is at most sqrt(104 ln 2) = 8.4904..., so 8.5 bounds every
 * normal deviate.  The risk uses it to decide, without drawing, the
 * stockpiles no trial can run out of (or every trial must).
 */
#define OUTLOOK_Z_BOUND 8.5

/* Check a specification (22023 naming the field; trials as stock_sim_check_trials). */
extern bool outlook_check_spec(const OutlookSpec *spec, DpError *err);
/* Doubles of work space outlook_compute needs. */
extern size_t outlook_work_len(const OutlookSpec *spec);
/* Bytes of flag space outlook_compute needs (one per trial). */
extern size_t outlook_flag_len(const OutlookSpec *spec);

/*
 * Compute one stockpile's outlook.  u is the uniform stream of the
 * simulation, seeded by the caller for this stockpile; it is drawn from
 * only when the risk is not decided by bounds.  Errors: on_hand, history or
 * supply negative or not finite (22023, 22003, as the stockpile and forecast
 * functions report them), overflow (22003).
 */
extern bool outlook_compute(const OutlookSpec *spec, const OutlookInput *in, double *work,
							unsigned char *flags, RndStream *u, const FcCallback *cb,
							OutlookResult *out, DpError *err);

#endif
