/**
 * How the simulated demand behaves over time. Its own module because the usage model and
 * the HPA controller both read it, and the HPA controller uses the usage model: defined in
 * either, it would tie the two into an import circle.
 */
export interface LoadModel {
  /** 'varying' swings load ±25% over `periodMs`; 'steady' keeps it constant (tests). */
  mode: 'varying' | 'steady';
  periodMs: number;
  /** How long a lower recommendation must hold before scaling down. */
  scaleDownStabilizationMs: number;
}
