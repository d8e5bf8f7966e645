/**
 * Questions about the rules as they were, not as they are: "trước đây…", "hồi trước…", "theo luật cũ…",
 * "trước 1/7/2025…". For them a document no longer in force is the source asked for, so search does not
 * rank it below current documents (`search/retriever.ts`) and the answer does not put the document that
 * replaced it first (`answer/composer.ts`).
 */
import { foldDiacritics } from './vietnamese.js';

/** On folded, lower-case text with single spaces. */
const FORMER = new RegExp(
  [
    // "trước đây", "hồi trước", "trước kia", "ngày trước", "lúc trước", "thời trước"
    '\\btruoc (?:day|kia)\\b',
    '\\b(?:hoi|ngay|luc|thoi) truoc\\b',
    // "trước 1/7/2025", "trước ngày 01/7/2025" (with the year: "trước ngày 10/12" is a deadline), "trước
    // năm 2025", "trước khi sáp nhập"
    '\\btruoc (?:ngay )?\\d{1,2}/\\d{1,2}/\\d{4}\\b',
    '\\btruoc nam \\d{4}\\b',
    '\\btruoc khi (?:sap nhap|sap xep|bo cap huyen|hop nhat)\\b',
    // "luật cũ", "quy định cũ", "nghị định cũ", "văn bản cũ", "mô hình cũ" (not "cụ thể")
    '\\b(?:luat|quy dinh|nghi dinh|nd|van ban|mo hinh|che do|thong tu) cu\\b(?! the\\b)',
    // Where something began: "bắt đầu có từ nghị định nào", "có từ khi nào", "đổi tên … từ lúc nào", "ra đời từ
    // năm nào": the document that introduced it, which a later one may have replaced.
    '\\b(?:bat dau (?:co|goi|dung)|co|ra doi|xuat hien|doi ten(?: [a-z0-9&]+){0,4}) tu (?:khi nao|luc nao|bao gio|nam nao|nam may|(?:nghi dinh|nd|van ban|vb|luat) nao)\\b',
  ].join('|'),
);

/** Whether the question asks about rules no longer in force (see the module comment). */
export function asksAboutFormerRules(question: string): boolean {
  const folded = foldDiacritics(question.toLowerCase()).replace(/[^\p{L}\p{N}/]+/gu, ' ');
  return FORMER.test(folded);
}
