/*
 * stockpile_core.c: stockpile projections, crossing dates, days of supply,
 * stock-out probabilities, safety stock and the Monte Carlo simulation (see
 * stockpile_core.h for the conventions).
 */
#include "stockpile_core.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

/* ---- validation ---- */

bool
stock_check_scalar(const char *name, double x, DpError *err)
{
	if (!isfinite(x))
		return dp_fail(err, DP_ERR_RANGE, "%s must be a finite number", name);
	if (x < 0)
	{
		dp_fail(err, DP_ERR_ARG, "%s must not be negative", name);
		dp_detail(err, "%s is %s.", name, dp_num(x).s);
		return false;
	}
	return true;
}

bool
stock_check_on_hand(double on_hand, DpError *err)
{
	return stock_check_scalar("on_hand", on_hand, err);
}

bool
stock_check_nonnegative(const char *what, DpPeriod p, int64_t first, const double *v,
						int32_t n, DpError *err)
{
	for (int32_t i = 0; i < n; i++)
		if (v[i] < 0)
		{
			char		date[16];

			cal_format_date(cal_index_start(p, first + i), date);
			dp_fail(err, DP_ERR_ARG, "%s must not be negative", what);
			dp_detail(err, "The period starting %s has %s.", date, dp_num(v[i]).s);
			return false;
		}
	return true;
}

static bool
overflow(DpError *err)
{
	return dp_fail(err, DP_ERR_RANGE, "projected stock is out of range for type double precision");
}

/* ---- deterministic projection ---- */

bool
stock_project(double on_hand, const double *supply, const double *demand, int32_t n,
			  bool backorder, StockRow *rows, DpError *err)
{
	double		opening = on_hand;

	for (int32_t i = 0; i < n; i++)
	{
		double		c = opening + (supply[i] - demand[i]);
		StockRow   *r = &rows[i];

		if (!isfinite(c))
			return overflow(err);
		r->opening = opening;
		r->supplied = supply[i];
		r->demanded = demand[i];
		if (c < 0)
		{
			/* backorder: owed stock; lost sales: the demand no stock met */
			r->shortfall = -c;
			r->closing = backorder ? c : 0.0;
		}
		else
		{
			r->shortfall = 0.0;
			r->closing = c;
		}
		opening = r->closing;
	}
	return true;
}

/*
 * Stock at the end of day d of a period of D days (even flows), the closing
 * stock itself on the last day; clipped at 0 under lost sales.
 */
static inline double
stock_at(double opening, double net, double closing, int32_t d, int32_t D, bool clip)
{
	double		s = (d == D) ? closing : opening + net * (double) d / (double) D;

	return (clip && s < 0) ? 0.0 : s;
}

typedef enum
{
	AT_OR_BELOW,				/* s <= level */
	AT_OR_ABOVE					/* s >= level */
} Crossing;

/*
 * First day d in [1, D] whose end-of-day stock meets the condition, known to
 * hold on day D.  Binary search: stock_at is monotone within a period.
 */
static int32_t
first_day(double opening, double net, double closing, int32_t D, bool clip, Crossing c,
		  double level)
{
	int32_t		lo = 1,
				hi = D;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;
		double		s = stock_at(opening, net, closing, mid, D, clip);

		if (c == AT_OR_BELOW ? s <= level : s >= level)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Day number of day d (1-based) of period i of the span. */
static int64_t
day_in_period(DpPeriod p, int64_t first, int32_t i, double opening, double net,
			  double closing, bool clip, Crossing c, double level)
{
	int64_t		start = cal_index_start(p, first + i);
	int32_t		D = (int32_t) (cal_index_start(p, first + i + 1) - start);

	return start + first_day(opening, net, closing, D, clip, c, level) - 1;
}

bool
stock_depletion_day(double on_hand, DpPeriod p, int64_t first, const double *supply,
					const double *demand, int32_t n, double threshold, int64_t *day,
					bool *found, DpError *err)
{
	double		opening = on_hand;

	*found = false;
	if (on_hand <= threshold)
	{
		*found = true;
		*day = cal_index_start(p, first);
		return true;
	}
	for (int32_t i = 0; i < n; i++)
	{
		double		net = supply[i] - demand[i];
		double		c = opening + net;

		if (!isfinite(c))
			return overflow(err);
		if (c <= threshold)
		{
			*found = true;
			*day = day_in_period(p, first, i, opening, net, c, false, AT_OR_BELOW, threshold);
			return true;
		}
		opening = c;
	}
	return true;
}

bool
stock_replenish_day(double on_hand, DpPeriod p, int64_t first, const double *supply,
					const double *demand, int32_t n, double target, bool backorder,
					int64_t *day, bool *found, DpError *err)
{
	bool		below = on_hand < target;
	double		opening = on_hand;

	*found = false;
	for (int32_t i = 0; i < n; i++)
	{
		double		net = supply[i] - demand[i];
		double		c = opening + net;

		if (!isfinite(c))
			return overflow(err);
		if (!backorder && c < 0)
			c = 0.0;
		if (!below)
		{
			/*
			 * It can only fall below in a period whose stock decreases, so it
			 * cannot also recover within that period.
			 */
			if (c < target)
				below = true;
		}
		else if (c >= target)
		{
			/* below at the opening and at or above at the close: rising */
			*found = true;
			*day = day_in_period(p, first, i, opening, net, c, !backorder, AT_OR_ABOVE, target);
			return true;
		}
		opening = c;
	}
	if (!below)
	{
		*found = true;
		*day = cal_index_start(p, first);
	}
	return true;
}

/* rem * days / q without spurious overflow in the product */
static double
scaled_days(double rem, double days, double q)
{
	double		x = rem * days;

	return isfinite(x) ? x / q : (rem / q) * days;
}

bool
stock_days_of_supply(double on_hand, DpPeriod p, int64_t first, const double *demand,
					 int32_t n, double *days, bool *isnull, DpError *err)
{
	double		total = 0.0,
				rem = on_hand,
				acc = 0.0;
	int64_t		start,
				span_start;

	*isnull = false;
	*days = 0.0;
	if (on_hand == 0)
		return true;
	for (int32_t i = 0; i < n; i++)
		total += demand[i];
	if (!isfinite(total))
		return dp_fail(err, DP_ERR_RANGE, "total demand is out of range for type double precision");
	if (total == 0)
	{
		*isnull = true;
		return true;
	}
	span_start = start = cal_index_start(p, first);
	for (int32_t i = 0; i < n; i++)
	{
		int64_t		next = cal_index_start(p, first + i + 1);
		double		q = demand[i];

		if (q > 0 && q >= rem)
		{
			*days = acc + scaled_days(rem, (double) (next - start), q);
			return true;
		}
		rem -= q;
		acc += (double) (next - start);
		start = next;
	}
	/* past the end: the vector's mean daily demand, total / its days */
	*days = acc + scaled_days(rem, (double) (start - span_start), total);
	if (!isfinite(*days))
		return dp_fail(err, DP_ERR_RANGE, "days of supply is out of range for type double precision");
	return true;
}

/* ---- stock-out risk ---- */

bool
stock_stockout_probability(double on_hand, const double *supply, const double *mean,
						   const double *sd, int32_t n, double *out, DpError *err)
{
	double		e = on_hand,
				var = 0.0;

	for (int32_t i = 0; i < n; i++)
	{
		e += supply[i] - mean[i];
		var += sd[i] * sd[i];
		if (!isfinite(e))
			return overflow(err);
		if (!isfinite(var))
			return dp_fail(err, DP_ERR_RANGE, "variance of the closing stock is out of range for type double precision");
		/* P(closing < 0) = Phi((0 - E) / sd) */
		if (var > 0)
			out[i] = stat_norm_cdf(-e / sqrt(var));
		else
			out[i] = e < 0 ? 1.0 : 0.0;
	}
	return true;
}

/* Checks shared by safety_stock and reorder_point. */
static bool
check_service_args(double service_level, double demand_sd, double lead_time,
				   double demand_mean, double lead_time_sd, DpError *err)
{
	const char *names[] = {"service_level", "demand_sd", "lead_time", "demand_mean", "lead_time_sd"};
	double		vals[] = {service_level, demand_sd, lead_time, demand_mean, lead_time_sd};
	for (int i = 0; i < 5; i++)
		if (!isfinite(vals[i]))
			return dp_fail(err, DP_ERR_RANGE, "%s must be a finite number", names[i]);
	if (!(service_level > 0 && service_level < 1))
	{
		dp_fail(err, DP_ERR_ARG, "service_level must lie strictly between 0 and 1");
		dp_detail(err, "service_level is %s.", dp_num(service_level).s);
		dp_hint(err, "A service level of 95%% is 0.95.");
		return false;
	}
	for (int i = 1; i < 5; i++)
		if (vals[i] < 0)
		{
			dp_fail(err, DP_ERR_ARG, "%s must not be negative", names[i]);
			dp_detail(err, "%s is %s.", names[i], dp_num(vals[i]).s);
			return false;
		}
	return true;
}

bool
stock_safety_stock(double service_level, double demand_sd, double lead_time,
				   double demand_mean, double lead_time_sd, double *out, DpError *err)
{
	double		z;

	if (!check_service_args(service_level, demand_sd, lead_time, demand_mean, lead_time_sd, err))
		return false;
	/* z sqrt(L sd^2 + mu^2 sdL^2), the root taken as hypot to avoid overflow in the squares */
	z = stat_norm_quantile(service_level);
	*out = z * hypot(sqrt(lead_time) * demand_sd, demand_mean * lead_time_sd);
	if (!isfinite(*out))
		return dp_fail(err, DP_ERR_RANGE, "safety stock is out of range for type double precision");
	if (*out == 0)
		*out = 0.0;				/* no -0 below a 50% service level */
	return true;
}

bool
stock_reorder_point(double service_level, double demand_mean, double demand_sd,
					double lead_time, double lead_time_sd, double *out, DpError *err)
{
	double		ss;

	if (!stock_safety_stock(service_level, demand_sd, lead_time, demand_mean, lead_time_sd, &ss, err))
		return false;
	*out = demand_mean * lead_time + ss;
	if (!isfinite(*out))
		return dp_fail(err, DP_ERR_RANGE, "reorder point is out of range for type double precision");
	if (*out == 0)
		*out = 0.0;
	return true;
}

/* ---- Monte Carlo simulation ---- */

bool
stock_dist_lookup(const char *name, size_t len, StockDist *dist, DpError *err)
{
	static const char *names[] = {"normal", "gamma"};

	for (int i = 0; i < 2; i++)
		if (len == strlen(names[i]))
		{
			size_t		j;

			for (j = 0; j < len; j++)
			{
				char		ch = name[j];

				if (ch >= 'A' && ch <= 'Z')
					ch = (char) (ch - 'A' + 'a');
				if (ch != names[i][j])
					break;
			}
			if (j == len)
			{
				*dist = (StockDist) i;
				return true;
			}
		}
	dp_fail(err, DP_ERR_ARG, "unknown demand distribution \"%s\"", dp_quote(name, len, 64).s);
	dp_hint(err, "Use normal or gamma.");
	return false;
}

bool
stock_sim_check_trials(int64_t trials, DpError *err)
{
	if (trials < 1)
		return dp_fail(err, DP_ERR_ARG, "trials must be at least 1");
	if (trials > STOCK_SIM_MAX_TRIALS)
	{
		dp_fail(err, DP_ERR_LIMIT, "trials must not exceed %d", STOCK_SIM_MAX_TRIALS);
		dp_detail(err, "trials is %lld.", (long long) trials);
		return false;
	}
	return true;
}

bool
stock_sim_check_inputs(StockDist dist, DpPeriod p, int64_t first, const double *mean,
					   const double *sd, int32_t n, DpError *err)
{
	if (dist != STOCK_GAMMA)
		return true;
	for (int32_t i = 0; i < n; i++)
		if (mean[i] == 0 && sd[i] > 0)
		{
			char		date[16];

			cal_format_date(cal_index_start(p, first + i), date);
			dp_fail(err, DP_ERR_ARG, "gamma demand needs a positive mean where its sd is positive");
			dp_detail(err, "The period starting %s has mean 0 and sd %s.", date, dp_num(sd[i]).s);
			dp_hint(err, "Use distribution => 'normal', or set the sd of that period to 0.");
			return false;
		}
	return true;
}

void
stock_sim_start(StockSim *sim, double on_hand)
{
	for (int32_t i = 0; i < sim->trials; i++)
		sim->stock[i] = on_hand;
	memset(sim->hit, 0, (size_t) sim->trials);
	sim->hits_ever = 0;
}

void
stock_draw_prepare(StockDraw *draw, StockDist dist, double mean, double sd)
{
	draw->mean = mean;
	draw->sd = sd;
	draw->shape = 0.0;
	draw->kind = 0;
	if (sd <= 0)
		return;
	if (dist == STOCK_NORMAL)
	{
		draw->kind = 1;
		return;
	}
	/* gamma matched to mean and sd: shape (mean / sd)^2, scale sd^2 / mean */
	draw->shape = (mean / sd) * (mean / sd);
	if (isinf(draw->shape))
		return;					/* sd negligible against the mean: deterministic */
	if (draw->shape < DBL_MIN)
	{
		/* all the mass at 0 to double precision */
		draw->mean = 0.0;
		return;
	}
	draw->kind = 2;
}

bool
stock_sim_step(StockSim *sim, int32_t from, int32_t to, double supply, const StockDraw *draw,
			   RndStream *u, int64_t *stockouts, DpError *err)
{
	int64_t		count = 0;

	for (int32_t i = from; i < to; i++)
	{
		double		dem,
					s;

		switch (draw->kind)
		{
			case 1:
				dem = draw->mean + draw->sd * rnd_normal(u);
				if (dem < 0)
					dem = 0.0;
				break;
			case 2:
				dem = draw->mean * rnd_gamma_unit(u, draw->shape);
				break;
			default:
				dem = draw->mean;
				break;
		}
		s = sim->stock[i] + (supply - dem);
		if (!isfinite(s))
			return dp_fail(err, DP_ERR_RANGE, "simulated stock is out of range for type double precision");
		if (s < 0)
		{
			count++;
			if (!sim->hit[i])
			{
				sim->hit[i] = 1;
				sim->hits_ever++;
			}
			if (!sim->backorder)
				s = 0.0;
		}
		sim->stock[i] = s;
	}
	*stockouts += count;
	return true;
}

void
stock_sim_quantiles(StockSim *sim, const double *probs, int k, double *out)
{
	memcpy(sim->scratch, sim->stock, sizeof(double) * (size_t) sim->trials);
	stat_quantiles(sim->scratch, sim->trials, probs, k, out, sim->tick);
}
