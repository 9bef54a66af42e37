// retailseg dashboard: plain JavaScript over the JSON API, charts with ECharts (served from the jar).
'use strict';

// Okabe-Ito, the colour-blind-safe palette of the HTML report.
const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000'];

const $ = (id) => document.getElementById(id);

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.message || (response.status + ' ' + response.statusText));
  }
  return body;
}

function text(tag, value) {
  const el = document.createElement(tag);
  el.textContent = value;
  return el;
}

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach((c) => tr.appendChild(c instanceof Node ? c : text('td', c)));
  return tr;
}

function number(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

// One recommended product with the reason it was made, as a list item: "CODE DESCRIPTION" then the reason.
function recommendationItem(r) {
  const li = text('li', r.stock_code + ' ' + r.description);
  const reason = text('span', r.reason);
  reason.className = 'reason';
  li.append(' — ', reason);
  return li;
}

function recommendationList(recs) {
  if (recs.length === 0) {
    return text('td', '—');
  }
  const td = document.createElement('td');
  const list = document.createElement('ol');
  list.className = 'recommendations';
  recs.forEach((r) => list.appendChild(recommendationItem(r)));
  td.appendChild(list);
  return td;
}

async function loadOverview() {
  const health = await api('/api/health');
  $('run-id').textContent = health.run;
  $('run-customers').textContent = health.customers;
  $('run-recommender').textContent = health.recommender + ' (' + health.offer + ')';
  const data = await api('/api/segments');
  const body = $('segments-table').querySelector('tbody');
  body.replaceChildren();
  data.segments.forEach((s) => {
    const name = document.createElement('td');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = PALETTE[s.id % PALETTE.length];
    name.append(swatch, s.name);
    const best = s.top_products.length ? s.top_products[0].description : '—';
    body.appendChild(row([String(s.id), name, String(s.size), (100 * s.revenue_share).toFixed(1) + ' %', best]));
  });
  drawCharts(data.segments);
}

function drawCharts(segments) {
  const sizes = echarts.init($('sizes'));
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
  const radar = echarts.init($('radar'));
  radar.setOption({
    title: { text: 'Standardized feature means', textStyle: { fontSize: 14 } },
    color: PALETTE,
    tooltip: {},
    legend: { bottom: 0, data: segments.map((s) => s.id + ' ' + s.name) },
    radar: {
      radius: '55%',
      indicator: features.map((f) => ({ name: f.replaceAll('_', ' '), min: Math.floor(lo), max: Math.ceil(hi) })),
      axisName: { fontSize: 9 },
    },
    series: [{
      type: 'radar',
      data: segments.map((s) => ({ name: s.id + ' ' + s.name, value: features.map((f) => s.standardized_means[f]) })),
    }],
  });
}

async function searchCustomer(event) {
  event.preventDefault();
  const id = $('customer-id').value.trim();
  $('customer-error').hidden = true;
  $('customer-result').hidden = true;
  try {
    const c = await api('/api/customers/' + encodeURIComponent(id));
    $('customer-heading').textContent = 'Customer ' + c.customer_id;
    $('customer-segment').textContent = c.is_outlier
      ? 'Outlier: not in a segment, no recommendations'
      : 'Segment ' + c.segment + ': ' + c.segment_name;
    const recs = $('customer-recommendations');
    recs.replaceChildren();
    c.recommendations.forEach((r) => recs.appendChild(recommendationItem(r)));
    if (c.recommendations.length === 0) {
      recs.appendChild(text('li', 'none'));
    }
    const body = $('customer-features').querySelector('tbody');
    body.replaceChildren();
    Object.entries(c.features).forEach(([k, v]) => body.appendChild(row([k.replaceAll('_', ' '), number(v)])));
    $('customer-result').hidden = false;
  } catch (e) {
    $('customer-error').textContent = e.message;
    $('customer-error').hidden = false;
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
    $('score-error').textContent = e.message;
    $('score-error').hidden = false;
  }
}

$('customer-form').addEventListener('submit', searchCustomer);
$('score-form').addEventListener('submit', scoreLines);
loadOverview().catch((e) => {
  $('run-id').textContent = 'unavailable: ' + e.message;
});
