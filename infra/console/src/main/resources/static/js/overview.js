// Draws each chart of the overview with uPlot from the data the server rendered into the page
// (data-chart: {unit, times: [epoch seconds], series: [{label, values}]}). Without JavaScript the
// page still shows each line's latest value and the queries.
(function () {
  const palette = ["#12355b", "#c0392b", "#1e8449", "#b9770e", "#6c3483", "#117a65", "#7f8c8d"];
  document.querySelectorAll("div.plot[data-chart]").forEach(function (element) {
    const chart = JSON.parse(element.getAttribute("data-chart"));
    if (!chart.times || chart.series.length === 0) {
      element.textContent = "no samples in the last hour";
      element.removeAttribute("aria-hidden");
      return;
    }
    const options = {
      width: Math.min(element.parentElement.clientWidth || 900, 900),
      height: 220,
      series: [{}].concat(chart.series.map(function (line, i) {
        return { label: line.label, stroke: palette[i % palette.length], width: 2, spanGaps: false };
      })),
      axes: [{}, { label: chart.unit }],
    };
    const data = [chart.times].concat(chart.series.map(function (line) { return line.values; }));
    new uPlot(options, data, element);
    element.setAttribute("data-drawn", "true");
  });
})();
