// The impact x urgency matrix of DESIGN.md "Domain reference figures".
import { describe, expect, it } from '@jest/globals';
import { priorityFor, type Level, type Priority } from '#engine';

describe('priorityFor', () => {
  const matrix: [Level, Level, Priority][] = [
    ['High', 'High', 'P1'],
    ['High', 'Medium', 'P2'],
    ['Medium', 'High', 'P2'],
    ['High', 'Low', 'P3'],
    ['Medium', 'Medium', 'P3'],
    ['Low', 'High', 'P3'],
    ['Medium', 'Low', 'P4'],
    ['Low', 'Medium', 'P4'],
    ['Low', 'Low', 'P4']
  ];

  it.each(matrix)('impact %s x urgency %s = %s', (impact, urgency, priority) => {
    expect(priorityFor(impact, urgency)).toBe(priority);
  });
});
