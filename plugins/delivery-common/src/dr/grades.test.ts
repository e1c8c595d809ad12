import {
  compareDrReadinessWorstFirst,
  drGrade,
  summariseDrReadiness,
} from './grades';
import type { DrReadiness } from './types';

type Row = Pick<
  DrReadiness,
  'entityRef' | 'score' | 'tier' | 'weights' | 'grade'
>;

function row(
  entityRef: string,
  score: number,
  tier: DrReadiness['tier'],
  fail = 0,
): Row {
  return {
    entityRef,
    score,
    tier,
    grade: drGrade(score),
    weights: { pass: score, fail, unknown: 100 - score - fail },
  };
}

describe('drGrade', () => {
  it('is ready from 90, at risk from 70 and not ready below', () => {
    expect(drGrade(100)).toBe('ready');
    expect(drGrade(90)).toBe('ready');
    expect(drGrade(89)).toBe('at-risk');
    expect(drGrade(70)).toBe('at-risk');
    expect(drGrade(69)).toBe('not-ready');
    expect(drGrade(0)).toBe('not-ready');
  });
});

describe('compareDrReadinessWorstFirst', () => {
  it('puts the lowest score first, then the higher tier, then known gaps, then by name', () => {
    const rows = [
      row('component:default/e', 100, 'critical'),
      row('component:default/d', 60, 'experimental'),
      row('component:default/c', 60, 'critical', 10),
      row('component:default/b', 60, 'critical', 30),
      row('component:default/a', 60, 'critical', 10),
      row('component:default/f', 20, 'standard'),
    ];
    expect(
      [...rows].sort(compareDrReadinessWorstFirst).map(r => r.entityRef),
    ).toEqual([
      'component:default/f',
      'component:default/b',
      'component:default/a',
      'component:default/c',
      'component:default/d',
      'component:default/e',
    ]);
  });
});

describe('summariseDrReadiness', () => {
  it('counts every grade overall and per tier, zeros included', () => {
    const distribution = summariseDrReadiness([
      row('component:default/a', 100, 'critical'),
      row('component:default/b', 75, 'critical'),
      row('component:default/c', 40, 'standard'),
      row('component:default/d', 95, 'standard'),
    ]);
    expect(distribution).toEqual({
      total: 4,
      grades: { 'not-ready': 1, 'at-risk': 1, ready: 2 },
      byTier: {
        critical: { 'not-ready': 0, 'at-risk': 1, ready: 1 },
        standard: { 'not-ready': 1, 'at-risk': 0, ready: 1 },
        experimental: { 'not-ready': 0, 'at-risk': 0, ready: 0 },
      },
    });
  });

  it('answers an empty overview with zeros', () => {
    expect(summariseDrReadiness([]).grades).toEqual({
      'not-ready': 0,
      'at-risk': 0,
      ready: 0,
    });
  });
});
