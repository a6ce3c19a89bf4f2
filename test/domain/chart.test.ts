import { describe, expect, it } from 'vitest';
import { fitWidth, renderChart, sparkline } from '../../src/domain/chart.js';

describe('chart', () => {
  it('draws a known series from lowest to highest block with gaps as ·', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, undefined, 80, 45, undefined, undefined, 10])).toBe('▁·█▅··▁');
  });
  it('labels min and max of the values present', () => {
    expect(renderChart([12.345, undefined, 85, 50])).toBe('min 12.35 ▁·█▅ max 85');
  });
  it('draws a flat series in the middle and an empty one as gaps', () => {
    expect(sparkline([5, 5, undefined, 5])).toBe('▄▄·▄');
    expect(renderChart([undefined, undefined])).toBe('·· no datapoints');
  });
  it('averages neighbours to fit the width, keeping all-empty columns as gaps', () => {
    expect(fitWidth([1, 3, undefined, undefined, 5, undefined], 3)).toEqual([2, undefined, 5]);
    expect(renderChart(Array.from({ length: 120 }, (_, i) => i), 60)).toHaveLength('min 0  max 119'.length + 60);
  });
});
