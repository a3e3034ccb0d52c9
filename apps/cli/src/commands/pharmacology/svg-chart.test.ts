import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, niceTicks, renderLineChart } from './svg-chart.js';
import { assertWellFormedSvg } from './testing/svg-well-formed.js';


describe('SVG line chart', () => {
  it('picks 1-2-5 ticks', () => {
    assert.deepEqual(niceTicks(0, 10), [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(niceTicks(0, 24, 8), [0, 5, 10, 15, 20]);
    assert.deepEqual(niceTicks(0, 168, 6, true), [0, 50, 100, 150, 200]);
    assert.deepEqual(niceTicks(0, 0.3, 3), [0, 0.1, 0.2, 0.3]);
    assert.deepEqual(niceTicks(5, 5), [5]);
  });

  it('escapes text', () => {
    assert.equal(escapeXml('a < b & "c" > d'), 'a &lt; b &amp; &quot;c&quot; &gt; d');
  });

  it('draws lines, bands, labelled axes with units and a legend', () => {
    const xs = [0, 1, 2, 3];
    const svg = renderLineChart({
      title: 'Plasma <ketamine> & norketamine',
      xLabel: 'Time (h)',
      yLabel: 'Plasma concentration (ng/mL)',
      lines: [
        { label: 'Ketamine (ng/mL)', color: '#00f', xs, ys: [0, 100, 50, 25] },
        { label: 'Norketamine (ng/mL)', color: '#f00', xs, ys: [0, 10, 20, Number.NaN], dash: '6 4' },
      ],
      bands: [{ label: 'Ketamine 5–95th percentile', color: '#00f', xs, lower: [0, 80, 40, 20], upper: [0, 130, 60, 30] }],
    });
    assertWellFormedSvg(svg);
    assert.match(svg, /<text class="x-label"[^>]*>Time \(h\)<\/text>/);
    assert.match(svg, /<text class="y-label"[^>]*>Plasma concentration \(ng\/mL\)<\/text>/);
    assert.match(svg, />Ketamine \(ng\/mL\)</);
    assert.match(svg, />Norketamine \(ng\/mL\)</);
    assert.match(svg, />Ketamine 5–95th percentile</);
    assert.match(svg, /Plasma &lt;ketamine&gt; &amp; norketamine/);
    assert.equal((svg.match(/<polyline /g) ?? []).length, 2);
    assert.equal((svg.match(/<polygon class="band"/g) ?? []).length, 1);
    // The NaN point is left out, not drawn as "NaN".
    assert.doesNotMatch(svg, /NaN/);
    // The y axis reaches a tick above the highest band value (130 → 150).
    assert.match(svg, />150<\/text>/);
  });

  it('draws an empty chart without failing', () => {
    assertWellFormedSvg(renderLineChart({ title: 't', xLabel: 'Time (min)', yLabel: 'y (ng/mL)', lines: [] }));
  });
});
