// Property tests draw new cases on every run while developing (a random seed), but CI runs them
// with one fixed seed, so a red CI means a change broke something rather than that a run drew a
// rare case nobody has looked at. FC_SEED=<n> replays a seed (fast-check prints it on a
// failure); FC_SEED=random explores in CI too.
import fc from 'fast-check';

const raw = process.env.FC_SEED ?? (process.env.CI ? '20261127' : undefined);
if (raw !== undefined && raw !== 'random') fc.configureGlobal({ seed: Number(raw) });
