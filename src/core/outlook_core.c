/*
 * outlook_core.c: one stockpile's outlook in one pass (see outlook_core.h).
 */
#include "outlook_core.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "capvec_core.h"
#include "stockpile_core.h"

/* trials advanced between two calls of the interrupt callback */
#define OUTLOOK_SIM_CHUNK 65536

/*
 * The interrupt callback between the passes over the horizon (each is
 * linear in it, at most CV_MAX_LEN periods), so that none runs long
 * without a check.
 */
static inline void
outlook_tick(const FcCallback *cb)
{
	if (cb)
		cb->check(cb->arg);
}

bool
outlook_check_spec(const OutlookSpec *spec, DpError *err)
{
	if (spec->history_n < 1)
		return dp_fail(err, DP_ERR_ARG, "history_periods must be at least 1");
	if (spec->horizon < 1)
		return dp_fail(err, DP_ERR_ARG, "horizon must be at least 1");
	if (spec->risk_periods < 0 || spec->risk_periods > spec->horizon)
	{
		dp_fail(err, DP_ERR_ARG, "risk_periods must be between 0 and horizon");
		dp_detail(err, "risk_periods is %d and horizon %d.", (int) spec->risk_periods, (int) spec->horizon);
		return false;
	}
	return stock_sim_check_trials(spec->trials, err);
}

/* work: the forecast's scratch space, the projection rows, the trials' stocks */
size_t
outlook_work_len(const OutlookSpec *spec)
{
	return fc_work_len(spec->history_n) +
		(sizeof(StockRow) / sizeof(double)) * (size_t) spec->horizon +
		(size_t) spec->trials;
}

size_t
outlook_flag_len(const OutlookSpec *spec)
{
	return (size_t) spec->trials;
}

/*
 * The stock-out risk over the first r periods: the share of trials whose
 * stock goes below 0 (backorder), demand in period k normal with mean
 * fc[k] and sd clipped at 0, as dp.simulate_stock draws it.  Every deviate
 * lies within +-OUTLOOK_Z_BOUND, so each period's demand lies within
 * [max(0, mean - Z sd), mean + Z sd]; floating-point addition and
 * multiplication are monotone, so every trial's stock lies between the
 * stocks these bounds give.  If the lower one never goes below 0, no trial
 * can run out (risk 0); if the upper one does, every trial has (risk 1);
 * either way without drawing, and exactly what the simulation would give.
 * Otherwise simulate.
 */
static bool
stockout_risk(const OutlookSpec *spec, const OutlookInput *in, const double *fc, double sd,
			  double *stock, unsigned char *flags, RndStream *u, const FcCallback *cb,
			  OutlookResult *out, DpError *err)
{
	int32_t		r = spec->risk_periods;
	double		lo = in->on_hand,
				hi = in->on_hand;
	bool		finite = true,
				never = true,
				always = false;
	StockSim	sim;

	out->risk_isnull = (r == 0);
	out->stockout_risk = 0.0;
	out->risk_simulated = false;
	if (r == 0)
		return true;
	for (int32_t k = 0; k < r; k++)
	{
		double		spread = sd * OUTLOOK_Z_BOUND;
		double		dem_hi = fc[k] + spread;
		double		dem_lo = fc[k] - spread;

		if (dem_lo < 0)
			dem_lo = 0.0;
		lo = lo + (in->supply[k] - dem_hi);
		hi = hi + (in->supply[k] - dem_lo);
		finite = finite && isfinite(lo) && isfinite(hi);
		never = never && lo >= 0;
		always = always || hi < 0;
	}
	if (finite && (never || always))
	{
		out->stockout_risk = never ? 0.0 : 1.0;
		return true;
	}

	sim.trials = spec->trials;
	sim.backorder = true;
	sim.dist = STOCK_NORMAL;
	sim.stock = stock;
	sim.scratch = NULL;
	sim.hit = flags;
	stock_sim_start(&sim, in->on_hand);
	for (int32_t k = 0; k < r; k++)
	{
		StockDraw	draw;
		int64_t		stockouts = 0;

		stock_draw_prepare(&draw, STOCK_NORMAL, fc[k], sd);
		for (int32_t from = 0; from < sim.trials; from += OUTLOOK_SIM_CHUNK)
		{
			int32_t		to = sim.trials - from > OUTLOOK_SIM_CHUNK ? from + OUTLOOK_SIM_CHUNK : sim.trials;

			if (!stock_sim_step(&sim, from, to, in->supply[k], &draw, u, &stockouts, err))
				return false;
			outlook_tick(cb);
		}
	}
	out->stockout_risk = (double) sim.hits_ever / sim.trials;
	out->risk_simulated = true;
	return true;
}

bool
outlook_compute(const OutlookSpec *spec, const OutlookInput *in, double *work,
				unsigned char *flags, RndStream *u, const FcCallback *cb,
				OutlookResult *out, DpError *err)
{
	int32_t		h = spec->horizon;
	double	   *fc_work = work;
	StockRow   *rows = (StockRow *) (work + fc_work_len(spec->history_n));
	double	   *stock = (double *) (rows + h);
	FcSeries	s;
	FcParams	none;
	double		sd;

	memset(&none, 0, sizeof(none));
	if (!stock_check_on_hand(in->on_hand, err) ||
		!stock_check_nonnegative("supply", in->period, in->first, in->supply, h, err))
		return false;

	/* the forecast: dp.forecast(history, horizon) by auto, clipped at 0 */
	s.y = in->history;
	s.n = spec->history_n;
	s.period = in->period;
	s.first = in->first - spec->history_n;
	if (!fc_demand_class(&s, &out->demand_class, err) ||
		!fc_fit(&s, FC_AUTO, &none, h, fc_work, cb, &out->model, err))
		return false;
	outlook_tick(cb);
	fc_forecast(&out->model, out->forecast, h);
	if (!cv_check_result(out->forecast, h, err))
		return false;
	cv_clamp(out->forecast, out->forecast, h, 0.0, DBL_MAX);
	(void) cv_check_result(out->forecast, h, err);	/* finite: only turns -0 into 0 */
	outlook_tick(cb);

	out->mean_demand = cv_sum(out->forecast, h) / h;
	out->mean_supply = cv_sum(in->supply, h) / h;
	if (!isfinite(out->mean_demand) || !isfinite(out->mean_supply))
		return dp_fail(err, DP_ERR_RANGE, "value out of range: overflow");

	/* the projection and its crossings */
	if (!stock_project(in->on_hand, in->supply, out->forecast, h, true, rows, err))
		return false;
	for (int32_t i = 0; i < h; i++)
		out->closing[i] = rows[i].closing;
	outlook_tick(cb);
	if (!stock_depletion_day(in->on_hand, in->period, in->first, in->supply, out->forecast, h,
							 0.0, &out->depletion_day, &out->depletion_found, err))
		return false;
	outlook_tick(cb);
	out->replenish_found = false;
	out->replenish_day = 0;
	if (in->has_target &&
		!stock_replenish_day(in->on_hand, in->period, in->first, in->supply, out->forecast, h,
							 in->target, true, &out->replenish_day, &out->replenish_found, err))
		return false;
	outlook_tick(cb);
	if (!stock_days_of_supply(in->on_hand, in->period, in->first, out->forecast, h,
							  &out->days_of_supply, &out->days_isnull, err))
		return false;
	outlook_tick(cb);

	/* the risk, demand sd the in-sample RMSE (0 without in-sample errors) */
	sd = isnan(out->model.rmse) ? 0.0 : out->model.rmse;
	return stockout_risk(spec, in, out->forecast, sd, stock, flags, u, cb, out, err);
}
