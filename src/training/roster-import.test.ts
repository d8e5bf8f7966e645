import { describe, it, expect } from 'vitest';
import { newLinkCode, normalizePhone, parseCsv, rosterFromRows } from './roster-import.js';

const units = [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }, { id: 'ubnd-xa-a', name: 'UBND xã A' }];

describe('roster import', () => {
  it('reads a Vietnamese CSV export (BOM, semicolons, quotes) and matches units by name or id', () => {
    const csv = '\uFEFFHọ và tên;Đơn vị;Chức vụ;Số điện thoại;Email\r\n"Nguyễn Văn An";Sở Nội vụ;Chuyên viên;+84 912 345 678;\r\nTrần Thị Bình;ubnd-xa-a;"Công chức; văn phòng";;Binh@Example.vn\r\n';
    let k = 0;
    const { entries, problems } = rosterFromRows(parseCsv(csv), units, () => `CODE${++k}`);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { id: expect.stringMatching(/^r-[0-9a-f]{12}$/), name: 'Nguyễn Văn An', unitId: 'so-noi-vu', position: 'Chuyên viên', phone: '0912345678', email: null, linkCode: 'CODE1' },
      { id: expect.stringMatching(/^r-/), name: 'Trần Thị Bình', unitId: 'ubnd-xa-a', position: 'Công chức; văn phòng', phone: null, email: 'binh@example.vn', linkCode: 'CODE2' },
    ]);
    // The same phone gives the same id on the next import, so codes and links survive it.
    expect(rosterFromRows(parseCsv(csv), units).entries[0].id).toBe(entries[0].id);
  });

  it('reports bad rows with their line and keeps the good ones', () => {
    const csv = 'ho ten,don vi,sdt\nAn,Sở Nội vụ,0912345678\n,Sở Nội vụ,0912345679\nBình,Sở Tài chính,0912345670\nChi,Sở Nội vụ,12ab\nDũng,Sở Nội vụ,\nAn lặp,Sở Nội vụ,0912 345 678\n';
    const { entries, problems } = rosterFromRows(parseCsv(csv), units);
    expect(entries.map((e) => e.name)).toEqual(['An']);
    expect(problems).toEqual([
      'line 3: no name',
      'line 4: unit "Sở Tài chính" is not in units.yaml (use its id or its name)',
      'line 5: "12ab" is not a phone number',
      'line 6: a phone number or an e-mail address is needed',
      'line 7: the same official (0912345678) is listed twice; later row skipped',
    ]);
  });

  it('names the missing columns', () => {
    expect(rosterFromRows(parseCsv('Tên,Ghi chú\nAn,x\n'), units).problems).toEqual(['no "Đơn vị" column in the header row', 'no "Số điện thoại" or "Email" column in the header row']);
  });

  it('makes six-character codes without look-alike characters', () => {
    const code = newLinkCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(normalizePhone('84912345678')).toBe('0912345678');
  });
});
