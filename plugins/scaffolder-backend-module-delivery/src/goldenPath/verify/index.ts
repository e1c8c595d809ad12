export { createGoldenPathVerifyAction } from './verifyAction';
export { verifyGoldenPathWorkspace } from './verifyWorkspace';
export type { VerifyGoldenPathOptions } from './verifyWorkspace';
export type { VerifyProblem } from './types';
