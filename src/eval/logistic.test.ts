import { describe, it, expect } from 'vitest';
import { fitLogistic, logLoss, predictLogistic } from './logistic.js';
import { mulberry32 } from '../common/seeded-random.js';

describe('fitLogistic', () => {
  it('recovers the coefficients of data drawn from a known logistic model', () => {
    const rand = mulberry32(3);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = rand() * 4 - 2;
      const b = rand() * 4 - 2;
      const p = 1 / (1 + Math.exp(-(0.5 + 2 * a - 1 * b)));
      x.push([a, b]);
      y.push(rand() < p ? 1 : 0);
    }
    const fit = fitLogistic(x, y, { l2: 0 });
    // Back to raw units: w_raw = w / scale, b_raw = b − Σ w_raw·mean.
    const wa = fit.weights[0] / fit.scale[0];
    const wb = fit.weights[1] / fit.scale[1];
    const b0 = fit.intercept - wa * fit.mean[0] - wb * fit.mean[1];
    expect(wa).toBeCloseTo(2, 0);
    expect(wb).toBeCloseTo(-1, 0);
    expect(b0).toBeCloseTo(0.5, 0);
    const p = x.map((r) => predictLogistic(fit, r));
    expect(logLoss(p, y), 'the fit must beat a constant guess').toBeLessThan(logLoss(p.map(() => 0.5), y));
  });

  it('gives more say to heavier rows', () => {
    const x = [[0], [0], [1], [1]];
    const y = [0, 1, 0, 1];
    const light = predictLogistic(fitLogistic(x, y, { l2: 0 }), [1]);
    const heavy = predictLogistic(fitLogistic(x, y, { l2: 0, sampleWeights: [1, 1, 1, 9] }), [1]);
    expect(light).toBeCloseTo(0.5, 3);
    expect(heavy).toBeCloseTo(0.9, 2);
  });
});
