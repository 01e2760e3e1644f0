import { describe, expect, it } from 'vitest';
import { formatBytes, formatExact, formatPercent, formatShape, formatSI } from './format';

describe('format', () => {
  it('uses SI prefixes with base 1000', () => {
    expect(formatSI(0)).toBe('0');
    expect(formatSI(999)).toBe('999');
    expect(formatSI(1000)).toBe('1.00 k');
    expect(formatSI(4_089_184_256)).toBe('4.09 G');
    expect(formatSI(25_557_032)).toBe('25.6 M');
    expect(formatSI(138_357_544)).toBe('138 M');
    expect(formatSI(999_600)).toBe('1.00 M');
    expect(formatSI(-2500)).toBe('-2.50 k');
    expect(formatBytes(102_760_448)).toBe('103 MB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatSI(Number.NaN)).toBe('—');
  });
  it('prints exact integers, shapes and shares', () => {
    expect(formatExact(4_089_184_256)).toBe('4,089,184,256');
    expect(formatShape([1, 64, 112, 112])).toBe('1×64×112×112');
    expect(formatShape(null)).toBe('?');
    expect(formatPercent(1, 8)).toBe('12.5%');
    expect(formatPercent(1, 4000)).toBe('0.03%');
    expect(formatPercent(0, 10)).toBe('0%');
  });
  it('marks figures beyond 2^53: ≈ for approximate, exact digits for BigInt totals, exponents past exa', () => {
    expect(formatExact(1.93e17, true)).toBe('≈1.930e+17');
    expect(formatExact(1.1399736556781568e16, false, '11399736556781568')).toBe('11,399,736,556,781,568');
    expect(formatSI(1.5e21)).toBe('1.50e+21');
    expect(formatSI(999e18)).toBe('999 E');
    expect(formatBytes(2e24)).toBe('2.00e+24 B');
  });
});
