// `pan-ser explain <term>`: what an end reason, SSL/SSH error code, TLS alert, Flags bit or
// finding id means, which end reason it leads to and what to check. Exit 0 when the term is
// known; exit 2 with "did you mean" suggestions when it is not.
import type { Command } from 'commander';
import { PanSerError } from '../errors.js';
import { lookupTerm, suggestTerms } from '../explain.js';
import type { Io } from '../io.js';
import { renderExplain } from '../render/explain.js';
import { outputView } from './shared.js';
import { DEFAULT_VIEW } from '../render/view.js';

export function registerExplain(program: Command, io: Io): void {
  program
    .command('explain')
    .description(
      'explain an end reason, SSL/SSH error code or name, TLS alert, Flags value or finding id',
    )
    .argument('<term>', 'e.g. decrypt-error, -13, PAN_SSL_ERROR_CERT_ON_HSM, bad_certificate')
    // Error codes are negative numbers ("-13"): let them through as the term, not as options.
    .allowUnknownOption()
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      `
Terms are matched without regard to case. A number such as -10 can be both an SSL and an SSH
error code: both are shown. Exit codes: 0 the term is known; 2 it is not (suggestions follow).

Examples:
  pan-ser explain decrypt-cert-validation
  pan-ser explain -13
  pan-ser explain bad_certificate
  pan-ser explain 0x01000000
  pan-ser explain allow-policy-deny`,
    )
    .action((term: string, flags: { color: boolean }) => {
      const matches = lookupTerm(term);
      if (matches.length === 0) {
        const near = suggestTerms(term);
        // The term is echoed back clipped: an argument can be 100k characters long.
        const shown = term.length > 80 ? `${term.slice(0, 80)}…` : term;
        throw new PanSerError('UNKNOWN_TERM', `"${shown}" is not a known term`, {
          hint:
            near.length > 0
              ? `did you mean ${near.join(', ')}?`
              : 'give an end reason, an error code such as -13, a TLS alert, a Flags value such as 0x01000000, or a finding id',
        });
      }
      io.stdout.write(renderExplain(term, matches, outputView(io, flags.color, DEFAULT_VIEW.top)));
    });
}
