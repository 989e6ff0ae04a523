/**
 * Whether `podpath check` colours its text output. Colour is for people at a terminal,
 * never for pipes, files or CI logs that did not ask for it. Precedence, as in Node's own
 * `tty.hasColors`: the `--color`/`--no-color` flags, then `FORCE_COLOR` (`0`/`false` turn
 * colour off, anything else on), then `NO_COLOR` (any non-empty value: off), then a TTY on
 * stdout that is not `TERM=dumb`.
 */
export interface ColourInputs {
  color?: boolean;
  noColor?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

export function useColour(o: ColourInputs): boolean {
  if (o.noColor) return false;
  if (o.color) return true;
  const force = o.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (o.env.NO_COLOR) return false;
  return o.isTTY && o.env.TERM !== 'dumb';
}
