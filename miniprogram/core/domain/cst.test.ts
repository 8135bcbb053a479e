import { addCstDays, cstDateLabel, cstDateOf, cstHourOf, cstInstantLabel } from './cst';

describe('cstInstantLabel', () => {
  it('when an instant is 23:30 UTC, then its label is the next CST day', () => {
    // Act
    const label = cstInstantLabel(Date.UTC(2011, 0, 16, 23, 30));

    // Assert
    expect(label).toBe('2011年1月17日');
  });

  it('when an instant is 15:59 UTC on the last day of a year, then the label stays in that year; a minute later it is New Year', () => {
    // Act
    const labels = [cstInstantLabel(Date.UTC(2026, 11, 31, 15, 59)), cstInstantLabel(Date.UTC(2026, 11, 31, 16, 0))];

    // Assert
    expect(labels).toEqual(['2026年12月31日', '2027年1月1日']);
  });
});

describe('cstDateLabel', () => {
  it('when given a calendar date, then month and day lose their leading zeros; nothing gives empty, a non-date is shown as it is', () => {
    // Act
    const labels = [cstDateLabel('2026-02-09'), cstDateLabel(null), cstDateLabel(''), cstDateLabel('明天')];

    // Assert
    expect(labels).toEqual(['2026年2月9日', '', '', '明天']);
  });
});

describe('addCstDays', () => {
  it('when adding across a year end or a month start, then the calendar carries', () => {
    // Act
    const dates = [addCstDays('2026-12-30', 3), addCstDays('2026-03-01', -1), addCstDays('2028-02-28', 1)];

    // Assert
    expect(dates).toEqual(['2027-01-02', '2026-02-28', '2028-02-29']);
  });
});

describe('cstHourOf', () => {
  it('when it is 01:00 UTC, then it is 09:00 in China; 16:00 UTC is midnight of the next CST day', () => {
    // Act
    const hours = [cstHourOf(Date.UTC(2026, 11, 8, 1, 0)), cstHourOf(Date.UTC(2026, 11, 8, 16, 0))];
    const day = cstDateOf(Date.UTC(2026, 11, 8, 16, 0));

    // Assert
    expect(hours).toEqual([9, 0]);
    expect(day).toBe('2026-12-09');
  });

  it('when an instant is before 1970, then the hour is still within 0–23', () => {
    // Act
    const hour = cstHourOf(Date.UTC(1969, 11, 31, 20, 0));

    // Assert
    expect(hour).toBe(4);
  });
});
