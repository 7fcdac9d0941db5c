/*
 * forecast.c: fmgr glue of the forecasting module: dp.forecast,
 * dp.forecast_fit, dp.forecast_interval and dp.demand_class.  The numerics
 * live in core/forecast_core.c.
 */
#include "dp.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "core/forecast_core.h"

/* Scratch space kept across calls of one function in one query (fn_extra). */
typedef struct ForecastScratch
{
	double	   *work;
	size_t		len;
	TupleDesc	desc;			/* forecast_fit's row type */
} ForecastScratch;

/* Work space for fc_fit on n periods, grown as needed and kept in fn_extra. */
static double *
scratch_space(FunctionCallInfo fcinfo, int32 n)
{
	ForecastScratch *s = (ForecastScratch *) fcinfo->flinfo->fn_extra;
	size_t		need = fc_work_len(n);

	if (s == NULL)
	{
		s = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ForecastScratch));
		fcinfo->flinfo->fn_extra = s;
	}
	if (s->len < need)
	{
		if (s->work)
			pfree(s->work);
		s->work = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, need * sizeof(double));
		s->len = need;
	}
	return s->work;
}

/* The core's interrupt callback: CHECK_FOR_INTERRUPTS in long fits. */
static void
check_interrupts(void *arg)
{
	CHECK_FOR_INTERRUPTS();
}

static const FcCallback interrupt_callback = {check_interrupts, NULL};

/* The method argument (22023 if unknown; fc_method_arg). */
static FcMethod
method_arg(text *t, DpWhere where)
{
	FcMethod	m;
	DpError		err;

	if (!fc_method_arg(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &m, &err))
		dp_raise_at(&err, where);
	return m;
}

/*
 * alpha, beta, phi, window_size from four consecutive arguments from first,
 * gamma, model, season_length from three from more (the newer parameters
 * follow the older in every signature); NULL = not given.
 */
static void
params_args(FunctionCallInfo fcinfo, int first, int more, FcParams *p, DpWhere where)
{
	memset(p, 0, sizeof(*p));
	if (!PG_ARGISNULL(first))
	{
		p->has_alpha = true;
		p->alpha = dp_finite_arg_at(PG_GETARG_FLOAT8(first), "alpha", where);
	}
	if (!PG_ARGISNULL(first + 1))
	{
		p->has_beta = true;
		p->beta = dp_finite_arg_at(PG_GETARG_FLOAT8(first + 1), "beta", where);
	}
	if (!PG_ARGISNULL(first + 2))
	{
		p->has_phi = true;
		p->phi = dp_finite_arg_at(PG_GETARG_FLOAT8(first + 2), "phi", where);
	}
	if (!PG_ARGISNULL(first + 3))
	{
		p->has_window = true;
		p->window_size = PG_GETARG_INT32(first + 3);
	}
	if (!PG_ARGISNULL(more))
	{
		p->has_gamma = true;
		p->gamma = dp_finite_arg_at(PG_GETARG_FLOAT8(more), "gamma", where);
	}
	if (!PG_ARGISNULL(more + 1))
	{
		text	   *t = PG_GETARG_TEXT_PP(more + 1);

		p->has_model = true;
		p->model = VARDATA_ANY(t);
		p->model_len = VARSIZE_ANY_EXHDR(t);
	}
	if (!PG_ARGISNULL(more + 2))
	{
		p->has_season = true;
		p->season_length = PG_GETARG_INT32(more + 2);
	}
}

/* Fit a method to a history whose first period has index first; horizon -1 for forecast_fit. */
static void
fit_history(FunctionCallInfo fcinfo, CapVec *h, int64 first, FcMethod m, const FcParams *p,
			int64 horizon, FcModel *model, DpWhere where)
{
	FcSeries	s;
	DpError		err;

	s.y = h->values;
	s.n = h->n;
	s.period = (DpPeriod) h->period;
	s.first = first;
	if (!fc_fit(&s, m, p, horizon, scratch_space(fcinfo, h->n), &interrupt_callback, model, &err))
		dp_raise_at(&err, where);
}

/*
 * Check the horizon and that the forecast span fits the calendar and the
 * length limit (an empty forecast has no span to check).
 */
static void
check_forecast_span(CapVec *h, int64 first, int64 horizon, DpWhere where)
{
	DpError		err;

	if (!fc_check_horizon(horizon, &err) ||
		(horizon > 0 && !cv_check_span((DpPeriod) h->period, first + h->n, horizon, &err)))
		dp_raise_at(&err, where);
}

/*
 * Where a forecast starts: dp.end_date(history); for an empty forecast of a
 * history that ends on 9999-12-31 (no vector can start on 10000-01-01), its
 * last period.
 */
static int64
forecast_first(CapVec *h, int64 first, int64 horizon)
{
	if (horizon == 0 && h->n > 0 && !cal_span_ok((DpPeriod) h->period, first + h->n, 0))
		return first + h->n - 1;
	return first + h->n;
}

/*
 * dp.forecast(history, horizon, method, alpha, beta, phi, window_size, gamma,
 * model, season_length): horizon values from dp.end_date(history).  NULL
 * history, horizon or method gives NULL.
 */
PG_FUNCTION_INFO_V1(dp_forecast);
Datum
dp_forecast(PG_FUNCTION_ARGS)
{
	CapVec	   *h,
			   *r;
	int64		first;
	int32		horizon;
	FcMethod	m;
	FcParams	p;
	FcModel		model;
	DpError		err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	h = PG_GETARG_CAPVEC_P(0);
	first = capvec_first(h);
	horizon = PG_GETARG_INT32(1);
	m = method_arg(PG_GETARG_TEXT_PP(2), DP_HERE);
	params_args(fcinfo, 3, 7, &p, DP_HERE);
	if (!fc_check_horizon(horizon, &err))
		dp_raise(&err);
	fit_history(fcinfo, h, first, m, &p, horizon, &model, DP_HERE);
	/* capvec_new checks the span (54000 over the length limit, 22008 past the calendar) */
	r = capvec_new((DpPeriod) h->period, forecast_first(h, first, horizon), horizon);
	fc_forecast(&model, r->values, horizon);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

/* The blessed row type of forecast_fit, built once per query (kept in fn_extra with the scratch space). */
static TupleDesc
fit_result_desc(FunctionCallInfo fcinfo)
{
	ForecastScratch *s = (ForecastScratch *) fcinfo->flinfo->fn_extra;
	TupleDesc	desc;

	if (s && s->desc)
		return s->desc;
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	scratch_space(fcinfo, 0);
	s = (ForecastScratch *) fcinfo->flinfo->fn_extra;
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		s->desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
	}
	return s->desc;
}

/* The float8 columns of forecast_fit after method: alpha, beta, phi, mae, rmse, mase, bias. */
#define FIT_STATS 7
/* Then model (text), gamma, theta (float8), season_length (int), loglik, aicc (float8). */
#define FIT_COLUMNS (1 + FIT_STATS + 6)

/*
 * dp.forecast_fit(history, method, alpha, beta, phi, window_size, gamma,
 * model, season_length): one row (method, alpha, beta, phi, mae, rmse, mase,
 * bias, model, gamma, theta, season_length, loglik, aicc).  NULL history or
 * method gives NULL.
 */
PG_FUNCTION_INFO_V1(dp_forecast_fit);
Datum
dp_forecast_fit(PG_FUNCTION_ARGS)
{
	CapVec	   *h;
	FcMethod	m;
	FcParams	p;
	FcModel		model;
	TupleDesc	desc;
	Datum		values[FIT_COLUMNS];
	bool		nulls[FIT_COLUMNS];
	double		stats[FIT_STATS];
	static const char *const names[FIT_STATS] = {"alpha", "beta", "phi", "mae", "rmse", "mase", "bias"};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	h = PG_GETARG_CAPVEC_P(0);
	m = method_arg(PG_GETARG_TEXT_PP(1), DP_HERE);
	params_args(fcinfo, 2, 6, &p, DP_HERE);
	fit_history(fcinfo, h, capvec_first(h), m, &p, -1, &model, DP_HERE);
	desc = fit_result_desc(fcinfo);
	values[0] = CStringGetTextDatum(fc_method_name(model.method));
	nulls[0] = false;
	stats[0] = model.alpha;
	stats[1] = model.beta;
	stats[2] = model.phi;
	stats[3] = model.mae;
	stats[4] = model.rmse;
	stats[5] = model.mase;
	stats[6] = model.bias;
	for (int i = 0; i < FIT_STATS; i++)
		values[i + 1] = dp_fit_stat_datum(stats[i], names[i], &nulls[i + 1]);
	values[1 + FIT_STATS] = CStringGetTextDatum(model.model);
	nulls[1 + FIT_STATS] = model.model[0] == '\0';
	values[2 + FIT_STATS] = dp_fit_stat_datum(model.gamma, "gamma", &nulls[2 + FIT_STATS]);
	values[3 + FIT_STATS] = dp_fit_stat_datum(model.theta, "theta", &nulls[3 + FIT_STATS]);
	values[4 + FIT_STATS] = Int32GetDatum(model.season_length);
	nulls[4 + FIT_STATS] = false;
	values[5 + FIT_STATS] = dp_fit_stat_datum(model.loglik, "loglik", &nulls[5 + FIT_STATS]);
	values[6 + FIT_STATS] = dp_fit_stat_datum(model.aicc, "aicc", &nulls[6 + FIT_STATS]);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/* Columns of forecast_interval: period_start, forecast, lower, upper. */
#define INTERVAL_COLUMNS 4

/*
 * dp.forecast_interval(history, horizon, method, level, alpha, beta, phi,
 * window_size, gamma, model, season_length): rows (period_start, forecast,
 * lower, upper); lower and upper NULL when the history gives no in-sample
 * error.  NULL history, horizon, method or level gives no rows.
 */
PG_FUNCTION_INFO_V1(dp_forecast_interval);
Datum
dp_forecast_interval(PG_FUNCTION_ARGS)
{
	CapVec	   *h;
	int32		horizon;
	FcMethod	m;
	double		level;
	FcParams	p;
	FcModel		model;
	double	   *fc,
			   *lo,
			   *hi,
			   *iwork;
	bool		bounds;
	DpPeriod	period;
	int64		first;
	DpError		err;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		return (Datum) 0;
	h = PG_GETARG_CAPVEC_P(0);
	horizon = PG_GETARG_INT32(1);
	m = method_arg(PG_GETARG_TEXT_PP(2), DP_HERE);
	level = PG_GETARG_FLOAT8(3);
	if (!fc_check_level(level, &err))
		dp_raise(&err);
	params_args(fcinfo, 4, 8, &p, DP_HERE);
	first = capvec_first(h);
	check_forecast_span(h, first, horizon, DP_HERE);
	fit_history(fcinfo, h, first, m, &p, horizon, &model, DP_HERE);

	fc = palloc(sizeof(double) * (horizon > 0 ? horizon : 1) * 3);
	lo = fc + horizon;
	hi = lo + horizon;
	fc_forecast(&model, fc, horizon);
	bounds = fc_has_interval(&model);
	iwork = palloc(sizeof(double) * fc_interval_work_len(&model, horizon));
	fc_interval(&model, fc, horizon, level, lo, hi, iwork, &interrupt_callback);
	pfree(iwork);
	if (!cv_check_result(fc, horizon, &err) ||
		(bounds && !cv_check_result(hi, horizon, &err)))
		dp_raise(&err);

	period = (DpPeriod) h->period;
	first += h->n;
	for (int32 i = 0; i < horizon; i++)
	{
		Datum		values[INTERVAL_COLUMNS];
		bool		nulls[INTERVAL_COLUMNS] = {false, false, !bounds, !bounds};

		values[0] = dp_period_start_datum(period, first + i);
		values[1] = Float8GetDatum(fc[i]);
		values[2] = Float8GetDatum(lo[i]);
		values[3] = Float8GetDatum(hi[i]);
		dp_put_row(fcinfo, values, nulls, i);
	}
	return (Datum) 0;
}

/* dp.demand_class(history): smooth, erratic, intermittent, lumpy; NULL without demand. */
PG_FUNCTION_INFO_V1(dp_demand_class);
Datum
dp_demand_class(PG_FUNCTION_ARGS)
{
	CapVec	   *h = PG_GETARG_CAPVEC_P(0);
	FcSeries	s;
	FcDemandClass c;
	DpError		err;

	s.y = h->values;
	s.n = h->n;
	s.period = (DpPeriod) h->period;
	s.first = capvec_first(h);
	if (!fc_demand_class(&s, &c, &err))
		dp_raise(&err);
	if (c == FC_NO_DEMAND)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(fc_class_name(c)));
}
