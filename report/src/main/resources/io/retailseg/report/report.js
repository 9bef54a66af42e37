/* retailseg report: draws the charts whose options are in #retailseg-charts with the ECharts inlined above. */
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('retailseg-charts').textContent);
  var charts = {};

  /*
   * The rotatable 3D view: the points' three principal component scores are turned by two angles (yaw
   * around PC3, then pitch), projected orthographically onto the screen and drawn as an ECharts
   * scatter; dragging changes the angles and redraws.
   */
  function rotatable(el, chart, option) {
    var d = option.retailseg3d;
    var yaw = 0.6, pitch = 0.35, range = d.range || 1;
    var axes = [[range, 0, 0], [0, range, 0], [0, 0, range]];
    function project(p) {
      var cy = Math.cos(yaw), sy = Math.sin(yaw), cp = Math.cos(pitch), sp = Math.sin(pitch);
      var x1 = p[0] * cy - p[1] * sy, y1 = p[0] * sy + p[1] * cy;
      return [x1, y1 * sp + p[2] * cp];
    }
    function series() {
      var out = d.points.map(function (points, s) {
        return {
          name: d.names[s], type: 'scatter', symbolSize: 4, animation: false,
          itemStyle: { color: d.colors[s], opacity: 0.75 },
          data: points.map(function (p) { var q = project(p); return [q[0], q[1], p[0], p[1], p[2]]; })
        };
      });
      var lines = [], labels = [];
      axes.forEach(function (a, i) {
        var q = project(a);
        lines.push([0, 0], q, '-');
        labels.push({ name: d.axes[i], value: q });
      });
      out.push({ name: 'axes', type: 'line', data: lines, silent: true, animation: false, symbol: 'none',
        connectNulls: false, lineStyle: { color: '#000', width: 1.5 }, tooltip: { show: false } });
      out.push({ name: 'axis names', type: 'scatter', data: labels, silent: true, animation: false, symbolSize: 0,
        label: { show: true, formatter: '{b}', fontWeight: 'bold', position: 'right' }, tooltip: { show: false } });
      return out;
    }
    function square() {
      var w = el.clientWidth, h = el.clientHeight, side = Math.max(100, Math.min(w, h - 50));
      return { width: side, height: side, left: (w - side) / 2, top: 40 };
    }
    var pad = range * 1.08;
    chart.setOption({
      animation: false,
      legend: Object.assign({ data: d.names }, option.legend),
      tooltip: { trigger: 'item', formatter: function (p) {
        var v = p.value;
        return p.seriesName + '<br>PC1 ' + v[2] + ', PC2 ' + v[3] + ', PC3 ' + v[4];
      } },
      grid: square(),
      xAxis: { type: 'value', min: -pad, max: pad, show: false },
      yAxis: { type: 'value', min: -pad, max: pad, show: false },
      series: series()
    });
    function redraw() { chart.setOption({ series: series() }); }
    var drag = null;
    var zr = chart.getZr();
    zr.on('mousedown', function (e) { drag = { x: e.offsetX, y: e.offsetY }; });
    zr.on('mouseup', function () { drag = null; });
    zr.on('globalout', function () { drag = null; });
    zr.on('mousemove', function (e) {
      if (!drag) { return; }
      turn((e.offsetX - drag.x) * 0.01, (e.offsetY - drag.y) * 0.01);
      drag = { x: e.offsetX, y: e.offsetY };
    });
    function turn(dYaw, dPitch) {
      yaw += dYaw;
      pitch = Math.max(-Math.PI / 2, Math.min(Math.PI / 2, pitch + dPitch));
      redraw();
    }
    var bar = document.createElement('div');
    bar.className = 'toolbar';
    [['\u2190', -0.2, 0], ['\u2192', 0.2, 0], ['\u2191', 0, -0.2], ['\u2193', 0, 0.2]].forEach(function (b) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = b[0];
      button.setAttribute('aria-label', 'turn the 3D view');
      button.addEventListener('click', function () { turn(b[1], b[2]); });
      bar.appendChild(button);
    });
    var reset = document.createElement('button');
    reset.type = 'button';
    reset.textContent = 'reset';
    reset.addEventListener('click', function () { yaw = 0.6; pitch = 0.35; redraw(); });
    bar.appendChild(reset);
    el.parentNode.insertBefore(bar, el);
    chart.retailsegResize = function () { chart.setOption({ grid: square() }); };
  }

  specs.forEach(function (spec) {
    var el = document.getElementById(spec.id);
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    if (spec.option.retailseg3d) {
      rotatable(el, chart, spec.option);
    } else {
      chart.setOption(spec.option);
    }
    charts[spec.id] = chart;
  });

  function resizeAll() {
    Object.keys(charts).forEach(function (id) {
      charts[id].resize();
      if (charts[id].retailsegResize) { charts[id].retailsegResize(); }
    });
  }
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  window.retailsegCharts = charts;
  document.documentElement.setAttribute('data-charts-ready', String(specs.length));
})();
