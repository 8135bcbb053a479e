import { now as functionClock } from '../../cloudfunctions/common/clock';
import { localClock, parseDuration, parseInstant } from './clock';

describe('the local cloud clock', () => {
  const clock = localClock();
  afterEach(() => clock.reset());

  it('when set to an instant, then the functions read that instant and time goes on from it', async () => {
    clock.set('2026-11-21T10:00+08:00');
    const first = functionClock();
    await new Promise((r) => setTimeout(r, 15));
    expect(first).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 21, 2, 0, 0));
    expect(first).toBeLessThan(Date.UTC(2026, 10, 21, 2, 0, 1));
    expect(functionClock()).toBeGreaterThan(first);
  });

  it('when advanced by days, then the reading moves by exactly that much', () => {
    // Frozen first: set-then-freeze let a millisecond pass on a loaded machine (seen under faketime).
    clock.freeze();
    clock.set('2027-01-20');
    clock.advance('3d');
    expect(functionClock()).toBe(Date.UTC(2027, 0, 22, 16, 0, 0));
    clock.advance('-2h');
    expect(new Date(functionClock()).toISOString()).toBe('2027-01-22T14:00:00.000Z');
  });

  it('when reset, then it reads the machine time again', () => {
    clock.set('2001-01-01');
    clock.reset();
    expect(Math.abs(functionClock() - Date.now())).toBeLessThan(1000);
  });

  it('when given nonsense, then it refuses with an example of what it takes', () => {
    expect(() => parseInstant('next tuesday')).toThrow(/2026-11-21T10:00\+08:00/);
    expect(() => parseDuration('3 days')).toThrow(/3d/);
    expect(parseInstant('2026-11-21T10:00')).toBe(parseInstant('2026-11-21T10:00+08:00'));
  });
});
