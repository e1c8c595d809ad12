import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy* and waitFor wait on a condition; their 1 s default deadline is shorter than a
// card's first render on a busy machine, and waiting longer for a true condition costs
// nothing when the machine is idle.
configure({ asyncUtilTimeout: 10_000 });
