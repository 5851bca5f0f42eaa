/** One case's identifying details as exported. */
export interface IdentifiersExportRow {
  caseKey: string;
  pseudonym: string;
  fullName: string;
  dateOfBirth: string;
  address: string | null;
  recordNumbers: Array<{ agencyName: string; recordNumber: string }>;
}

const HEADER = [
  'Case',
  'Pseudonym',
  'Full name',
  'Date of birth',
  'Address',
  'Agency record numbers',
];

/**
 * A cell as RFC 4180 text. A value a spreadsheet would run as a formula (starting =, +, -, @, tab
 * or carriage return) is prefixed with an apostrophe so opening the export cannot run anything.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function identifiersCsv(rows: readonly IdentifiersExportRow[]): string {
  const lines = [
    HEADER,
    ...rows.map((row) => [
      row.caseKey,
      row.pseudonym,
      row.fullName,
      row.dateOfBirth,
      row.address ?? '',
      row.recordNumbers.map((entry) => `${entry.agencyName}: ${entry.recordNumber}`).join('; '),
    ]),
  ];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
