import { csvCell, identifiersCsv } from './identifiers-csv';

describe('identifiers CSV', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('12 High Street, Riverside')).toBe('"12 High Street, Riverside"');
    expect(csvCell('The "Oaks"')).toBe('"The ""Oaks"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('defuses values a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+44')).toBe("'+44");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a header and one line per case with its agency record numbers', () => {
    const csv = identifiersCsv([
      {
        caseKey: 'A',
        pseudonym: 'Case A',
        fullName: 'Alex Example',
        dateOfBirth: '2015-04-01',
        address: null,
        recordNumbers: [
          { agencyName: 'Riverside Police', recordNumber: 'P-1' },
          { agencyName: 'Riverside ICB', recordNumber: 'H-2' },
        ],
      },
    ]);
    expect(csv).toBe(
      'Case,Pseudonym,Full name,Date of birth,Address,Agency record numbers\r\n' +
        'A,Case A,Alex Example,2015-04-01,,Riverside Police: P-1; Riverside ICB: H-2\r\n',
    );
  });
});
