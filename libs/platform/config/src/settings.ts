import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Environment values are strings: a whole number in decimal becomes a number, anything else stays for the validator to refuse. */
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** A comma-separated variable as a list of trimmed, non-empty entries. */
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** A whole-number setting between `min` and `max` inclusive (read from its decimal text). */
export function IntSetting(min: number, max: number): PropertyDecorator {
  const decorators = [Transform(toInt), IsInt(), Min(min), Max(max)];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** A comma-separated setting read as a list; validate its entries with `{ each: true }` validators. */
export function ListSetting(): PropertyDecorator {
  return Transform(toList);
}
