// retailseg dashboard: plain JavaScript over the JSON API (this server only), charts with ECharts (served
// from the jar). Three views, chosen by the address's fragment: #/ (overview, run quality, look-up, scoring),
// #/segment/ID (profile, best sellers, the customers paged, sorted and filtered by the API, CSV export) and
// #/customer/ID (features against the segment mean, outlier score, recommendations, lifetime value).
'use strict';

// Okabe-Ito, the colour-blind-safe palette of the HTML report.
const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000'];
// The customer table's columns: the sort key of each (the API's), and its heading.
const COLUMNS = [
  ['customer_id', 'CustomerID'],
  ['outlier_score', 'Outlier score'],
  ['Total_Spend', 'Total spend'],
  ['Total_Transactions', 'Transactions'],
  ['Days_Since_Last_Purchase', 'Days since last purchase'],
  ['Average_Transaction_Value', 'Average transaction'],
  ['Unique_Products_Purchased', 'Unique products'],
];
// Lifetime value fields of a customer answer (shown when the run has them), with their labels.
const VALUE_FIELDS = [
  ['p_alive', 'Probability still active'],
  ['expected_purchases', 'Expected purchases'],
  ['expected_order_value', 'Expected order value'],
  ['expected_value', 'Expected value'],
];

const $ = (id) => document.getElementById(id);
const state = { health: null, summary: null, segments: null, charts: {} };
// The segment table's query; reset when another segment is opened.
const table = { segment: null, sort: 'customer_id', order: 'asc', offset: 0, limit: 50, q: '', feature: '', min: '', max: '' };

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.message || (response.status + ' ' + response.statusText));
  }
  return body;
}

function text(tag, value, className) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) {
    el.className = className;
  }
  return el;
}

function link(href, value) {
  const a = text('a', value);
  a.href = href;
  return a;
}

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach((c) => tr.appendChild(c instanceof Node ? c : text('td', c)));
  return tr;
}

function num(value) {
  return text('td', value, 'num');
}

function number(v) {
  if (v === null || v === undefined) {
    return '—';
  }
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

function label(feature) {
  return feature.replaceAll('_', ' ');
}

function percent(v) {
  return (100 * v).toFixed(1) + ' %';
}

function cell(node) {
  const td = document.createElement('td');
  td.appendChild(node);
  return td;
}

// One recommended product with the reason it was made, as a list item: "CODE DESCRIPTION" then the reason.
function recommendationItem(r) {
  const li = text('li', r.stock_code + ' ' + r.description);
  li.append(' — ', text('span', r.reason, 'reason'));
  return li;
}

function recommendationList(recs) {
  if (recs.length === 0) {
    return text('td', '—');
  }
  const list = document.createElement('ol');
  list.className = 'recommendations';
  recs.forEach((r) => list.appendChild(recommendationItem(r)));
  return cell(list);
}

function showError(id, message) {
  $(id).textContent = message;
  $(id).hidden = false;
}

// ---- views ----

function show(view) {
  ['view-overview', 'view-segment', 'view-customer'].forEach((v) => {
    $(v).hidden = v !== view;
  });
}

async function route() {
  const hash = location.hash || '#/';
  let m = hash.match(/^#\/segment\/(\d+)$/);
  if (m) {
    show('view-segment');
    await showSegment(Number(m[1]));
    return;
  }
  m = hash.match(/^#\/customer\/(\d+)$/);
  if (m) {
    show('view-customer');
    await showCustomer(m[1]);
    return;
  }
  show('view-overview');
  drawOverviewCharts();
  if (document.activeElement && document.activeElement.tagName === 'A') {
    $('overview-title').focus(); // followed a link to the overview: start reading there
  }
}

async function loadRun() {
  state.health = await api('/api/health');
  $('run-id').textContent = state.health.run;
  $('run-customers').textContent = state.health.customers;
  $('run-recommender').textContent = state.health.recommender + ' (' + state.health.offer + ')';
  $('report-link').hidden = !state.health.report;
  $('report-sep').hidden = !state.health.report;
  const [summary, segments] = await Promise.all([api('/api/summary'), api('/api/segments')]);
  state.summary = summary;
  state.segments = segments;
  fillOverview();
  fillQuality();
  if (state.health.evaluation) {
    fillEvaluation(await api('/api/evaluation'));
  }
}

// ---- overview ----

function fillOverview() {
  const body = $('segments-table').querySelector('tbody');
  body.replaceChildren();
  state.segments.segments.forEach((s) => {
    const name = document.createElement('td');
    const swatch = text('span', '', 'swatch');
    swatch.style.background = PALETTE[s.id % PALETTE.length];
    name.append(swatch, link('#/segment/' + s.id, s.name));
    const best = s.top_products.length ? s.top_products[0].description : '—';
    body.appendChild(row([String(s.id), name, num(String(s.size)), num(percent(s.revenue_share)), best]));
  });
}

function drawOverviewCharts() {
  if (!state.segments || $('view-overview').hidden) {
    return;
  }
  const segments = state.segments.segments;
  const sizes = state.charts.sizes || echarts.init($('sizes'));
  state.charts.sizes = sizes;
  sizes.setOption({
    title: { text: 'Customers per segment', textStyle: { fontSize: 14 } },
    tooltip: {},
    xAxis: { type: 'category', data: segments.map((s) => String(s.id)) },
    yAxis: { type: 'value' },
    series: [{
      type: 'bar',
      data: segments.map((s) => ({ value: s.size, name: s.name, itemStyle: { color: PALETTE[s.id % PALETTE.length] } })),
    }],
  });
  const features = Object.keys(segments[0].standardized_means);
  let lo = 0;
  let hi = 0;
  segments.forEach((s) => features.forEach((f) => {
    lo = Math.min(lo, s.standardized_means[f]);
    hi = Math.max(hi, s.standardized_means[f]);
  }));
  const radar = state.charts.radar || echarts.init($('radar'));
  state.charts.radar = radar;
  radar.setOption({
    title: { text: 'Standardized feature means', textStyle: { fontSize: 14 } },
    color: PALETTE,
    tooltip: {},
    legend: { bottom: 0, data: segments.map((s) => s.id + ' ' + s.name) },
    radar: {
      radius: '55%',
      indicator: features.map((f) => ({ name: label(f), min: Math.floor(lo), max: Math.ceil(hi) })),
      axisName: { fontSize: 9 },
    },
    series: [{
      type: 'radar',
      data: segments.map((s) => ({ name: s.id + ' ' + s.name, value: features.map((f) => s.standardized_means[f]) })),
    }],
  });
  sizes.resize();
  radar.resize();
}

function fillQuality() {
  const s = state.summary;
  const metrics = $('quality-metrics').querySelector('tbody');
  metrics.replaceChildren(
    row([text('th', 'Silhouette'), num(s.metrics.silhouette.toFixed(3) + ' ± ' + s.metrics.silhouette_std_error.toFixed(3))]),
    row([text('th', 'Calinski-Harabasz'), num(s.metrics.calinski_harabasz.toFixed(1))]),
    row([text('th', 'Davies-Bouldin'), num(s.metrics.davies_bouldin.toFixed(3))]),
    row([text('th', 'Customers'), num(s.customers.total + ' (' + s.customers.outliers + ' outliers)')]),
    row([text('th', 'PCA'), num(s.pca.components + ' components, ' + percent(s.pca.cumulative_explained_variance)
      + ' of the variance')]),
  );
  $('quality-k').textContent = 'k = ' + s.k_selection.chosen_k + ' (rule: ' + s.k_selection.rule + ')';
  $('quality-k-why').textContent = s.k_selection.reason;
  const candidates = $('quality-candidates').querySelector('tbody');
  candidates.replaceChildren();
  s.k_selection.candidates.forEach((c) => {
    const tr = row([num(String(c.k)), num(c.silhouette.toFixed(3)), num(c.silhouette_std_error.toFixed(3)),
      num(c.inertia.toFixed(0))]);
    if (c.k === s.k_selection.chosen_k) {
      tr.className = 'chosen';
    }
    candidates.appendChild(tr);
  });
}

function fillEvaluation(e) {
  // the headline cutoff: 10 when evaluated, else the largest
  const cutoffs = e.recommenders.length ? e.recommenders[0].metrics.map((m) => m.n) : [];
  const n = cutoffs.includes(10) ? 10 : Math.max(...cutoffs);
  $('evaluation-hit').textContent = 'Hit rate @' + n;
  $('evaluation-ndcg').textContent = 'NDCG @' + n;
  $('evaluation-split').textContent = 'Trained on ' + e.split.first_day + ' to ' + e.split.split_day
    + ', tested on the days after, to ' + e.split.last_day + '.';
  const body = $('evaluation-table').querySelector('tbody');
  body.replaceChildren();
  e.recommenders.forEach((r) => {
    const at = r.metrics.find((m) => m.n === n);
    const name = text('td', r.name + (r.default ? ' (default)' : ''));
    const tr = row([name, r.mode, num(String(r.customers_evaluated)), num(at ? at.hit_rate.toFixed(3) : '—'),
      num(at ? at.ndcg.toFixed(3) : '—')]);
    if (r.default) {
      tr.className = 'chosen';
    }
    body.appendChild(tr);
  });
  $('evaluation-stability').textContent = e.stability
    ? 'Segment stability over ' + e.stability.resamples + ' resamples: adjusted Rand index '
      + e.stability.adjusted_rand.mean.toFixed(3) + ' on average (lowest ' + e.stability.adjusted_rand.min.toFixed(3) + ').'
    : '';
  $('evaluation').hidden = false;
}

function openCustomer(event) {
  event.preventDefault();
  const id = $('customer-id').value.trim();
  $('customer-error').hidden = true;
  if (!/^\d+$/.test(id)) {
    showError('customer-error', 'CustomerID: expected a whole number, found "' + id + '"');
    return;
  }
  if (location.hash === '#/customer/' + id) {
    route(); // the same address again (e.g. after an unknown id): no hashchange, so route here
  } else {
    location.hash = '#/customer/' + id;
  }
}

async function scoreLines(event) {
  event.preventDefault();
  $('score-error').hidden = true;
  $('score-result').hidden = true;
  $('score-not-scored').replaceChildren();
  try {
    const result = await api('/api/score', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: $('score-input').value,
    });
    const body = $('score-result').querySelector('tbody');
    body.replaceChildren();
    result.customers.forEach((c) => body.appendChild(row([
      String(c.customer_id),
      c.is_outlier ? '—' : c.segment + ': ' + c.segment_name,
      c.is_outlier ? 'yes' : 'no',
      recommendationList(c.recommendations),
    ])));
    result.not_scored.forEach((n) => $('score-not-scored')
      .appendChild(text('li', 'Customer ' + n.customer_id + ' not scored: ' + n.reason)));
    $('score-result').hidden = false;
  } catch (e) {
    showError('score-error', e.message);
  }
}

// ---- a segment ----

async function showSegment(id) {
  const s = state.segments.segments.find((x) => x.id === id);
  if (!s) {
    $('segment-title').textContent = 'No segment ' + id;
    $('segment-title').focus();
    return;
  }
  if (table.segment !== id) {
    Object.assign(table, { segment: id, sort: 'customer_id', order: 'asc', offset: 0, q: '', feature: '', min: '', max: '' });
    $('filter-form').reset();
  }
  $('segment-title').textContent = 'Segment ' + s.id + ': ' + s.name;
  $('segment-facts').textContent = s.size + ' customers · ' + percent(s.revenue_share) + ' of revenue'
    + (s.distinguishing.length ? ' · stands out by ' + s.distinguishing.map(label).join(', ') : '');
  const profile = $('segment-profile').querySelector('tbody');
  profile.replaceChildren();
  Object.keys(s.feature_means).forEach((f) => profile.appendChild(row([label(f), num(number(s.feature_means[f])),
    num(number(state.segments.average[f])), num(number(s.standardized_means[f]))])));
  const best = $('segment-best').querySelector('tbody');
  best.replaceChildren();
  s.top_products.forEach((p) => best.appendChild(row([num(String(p.rank)), p.stock_code, p.description,
    num(String(p.quantity))])));
  const features = Object.keys(s.standardized_means);
  const chart = state.charts.segment || echarts.init($('segment-chart'));
  state.charts.segment = chart;
  chart.setOption({
    title: { text: 'Against the average (standardized)', textStyle: { fontSize: 14 } },
    tooltip: {},
    grid: { left: 190, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: features.map(label), inverse: true, axisLabel: { fontSize: 10 } },
    series: [{ type: 'bar', data: features.map((f) => s.standardized_means[f]),
      itemStyle: { color: PALETTE[s.id % PALETTE.length] } }],
  });
  chart.resize();
  $('segment-title').focus();
  await loadCustomers();
}

function query(paged) {
  const p = new URLSearchParams();
  if (paged) {
    p.set('limit', table.limit);
    p.set('offset', table.offset);
  }
  p.set('sort', table.sort);
  p.set('order', table.order);
  if (table.q) {
    p.set('q', table.q);
  }
  if (table.feature) {
    p.set('feature', table.feature);
    if (table.min !== '') {
      p.set('min', table.min);
    }
    if (table.max !== '') {
      p.set('max', table.max);
    }
  }
  return p.toString();
}

function drawHeader() {
  const tr = $('segment-customers').querySelector('thead tr');
  tr.replaceChildren();
  COLUMNS.forEach(([key, name]) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.className = key === 'customer_id' ? '' : 'num';
    const sorted = table.sort === key;
    th.setAttribute('aria-sort', sorted ? (table.order === 'asc' ? 'ascending' : 'descending') : 'none');
    const button = text('button', name + (sorted ? (table.order === 'asc' ? ' ▲' : ' ▼') : ''), 'sort');
    button.type = 'button';
    button.dataset.sort = key;
    button.addEventListener('click', () => {
      table.order = table.sort === key && table.order === 'asc' ? 'desc' : 'asc';
      table.sort = key;
      table.offset = 0;
      loadCustomers().then(() => $('segment-customers').querySelector('[data-sort="' + key + '"]').focus());
    });
    th.appendChild(button);
    tr.appendChild(th);
  });
}

async function loadCustomers() {
  $('segment-error').hidden = true;
  drawHeader();
  $('segment-export').href = '/api/segments/' + table.segment + '/customers.csv?' + query(false);
  let page;
  try {
    page = await api('/api/segments/' + table.segment + '/customers?' + query(true));
  } catch (e) {
    showError('segment-error', e.message);
    return;
  }
  const body = $('segment-customers').querySelector('tbody');
  body.replaceChildren();
  page.customers.forEach((c) => body.appendChild(row([
    cell(link('#/customer/' + c.customer_id, String(c.customer_id))),
    num(c.outlier_score.toFixed(3)),
    ...COLUMNS.slice(2).map(([key]) => num(number(c.features[key]))),
  ])));
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.customers.length;
  $('page-status').textContent = first + '–' + last + ' of ' + page.total;
  $('page-prev').disabled = page.offset === 0;
  $('page-next').disabled = last >= page.total;
}

function applyFilter(event) {
  event.preventDefault();
  table.q = $('filter-q').value.trim();
  table.feature = $('filter-feature').value;
  table.min = $('filter-min').value.trim();
  table.max = $('filter-max').value.trim();
  table.offset = 0;
  loadCustomers();
}

function clearFilter() {
  $('filter-form').reset();
  Object.assign(table, { q: '', feature: '', min: '', max: '', offset: 0 });
  loadCustomers();
}

// ---- a customer ----

async function showCustomer(id) {
  $('customer-where').textContent = '';
  $('customer-outlier').textContent = '';
  $('customer-compare').querySelector('tbody').replaceChildren();
  $('customer-recs').replaceChildren();
  $('customer-value').hidden = true;
  let c;
  try {
    c = await api('/api/customers/' + encodeURIComponent(id));
  } catch (e) {
    show('view-overview');
    drawOverviewCharts();
    showError('customer-error', e.message);
    $('customer-id').focus();
    return;
  }
  $('customer-error').hidden = true;
  $('customer-title').textContent = 'Customer ' + c.customer_id;
  const segmentLink = $('customer-segment-link');
  if (c.is_outlier) {
    segmentLink.textContent = 'outliers';
    segmentLink.href = '#/';
    $('customer-where').textContent = 'Outlier: not in a segment, no recommendations';
  } else {
    segmentLink.textContent = 'segment ' + c.segment;
    segmentLink.href = '#/segment/' + c.segment;
    $('customer-where').replaceChildren('In ', link('#/segment/' + c.segment, 'segment ' + c.segment + ': ' + c.segment_name));
  }
  $('customer-outlier').textContent = 'Outlier score ' + c.outlier_score.toFixed(3) + ' (outliers score above '
    + c.outlier_threshold.toFixed(3) + ')';
  const values = VALUE_FIELDS.filter(([key]) => c[key] !== undefined && c[key] !== null);
  const list = $('customer-value-list');
  list.replaceChildren();
  values.forEach(([key, name]) => list.append(text('dt', name),
    text('dd', key === 'p_alive' ? percent(c[key]) : number(c[key]))));
  $('customer-value').hidden = values.length === 0;
  const body = $('customer-compare').querySelector('tbody');
  Object.entries(c.features).forEach(([f, v]) => {
    const mean = c.segment_means ? c.segment_means[f] : null;
    body.appendChild(row([label(f), num(number(v)), num(number(mean)),
      num(mean === null ? '—' : (v - mean >= 0 ? '+' : '') + number(v - mean))]));
  });
  c.recommendations.forEach((r) => $('customer-recs').appendChild(recommendationItem(r)));
  if (c.recommendations.length === 0) {
    $('customer-recs').appendChild(text('li', 'none'));
  }
  $('customer-title').focus();
}

// ---- wiring ----

function init() {
  const select = $('filter-feature');
  COLUMNS.slice(2).forEach(([key]) => select.appendChild(new Option(label(key), key)));
  ['Total_Products_Purchased', 'Average_Days_Between_Purchases', 'Cancellation_Rate', 'Monthly_Spending_Mean',
    'Spending_Trend'].forEach((key) => select.appendChild(new Option(label(key), key)));
  $('customer-form').addEventListener('submit', openCustomer);
  $('score-form').addEventListener('submit', scoreLines);
  $('filter-form').addEventListener('submit', applyFilter);
  $('filter-clear').addEventListener('click', clearFilter);
  $('page-prev').addEventListener('click', () => {
    table.offset = Math.max(0, table.offset - table.limit);
    loadCustomers();
  });
  $('page-next').addEventListener('click', () => {
    table.offset += table.limit;
    loadCustomers();
  });
  $('page-size').addEventListener('change', () => {
    table.limit = Number($('page-size').value);
    table.offset = 0;
    loadCustomers();
  });
  window.addEventListener('hashchange', () => route().catch((e) => showError('customer-error', e.message)));
  window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
  loadRun().then(route).catch((e) => {
    $('run-id').textContent = 'unavailable: ' + e.message;
  });
}

init();
