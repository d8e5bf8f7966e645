import { describe, it, expect } from 'vitest';
import { checkCourseCitations, parseCourseFile } from './course-file.js';

const good = `
id: demo
title: Khóa thử
summary: Một khóa để thử.
lessons:
  - id: b1
    title: Bài một
    text: Nội dung bài một.
    sources: [{ number: 118/2025/NĐ-CP, article: Khoản 3 Điều 17 }]
questions:
  - id: c1
    question: Câu hỏi một?
    options: [Một, Hai, Ba]
    answer: Hai
    explanation: Vì là hai.
    sources: [{ number: 118/2025/NĐ-CP, article: Điều 17 }]
`;

describe('parseCourseFile', () => {
  it('returns the course with the correct option index when the file is well formed', () => {
    const { course, problems } = parseCourseFile(good, 'courses/demo.yaml');
    expect(problems).toEqual([]);
    expect(course?.questions[0].correct).toBe(1);
    expect(course?.lessons[0].sources).toEqual([{ number: '118/2025/NĐ-CP', article: 'Khoản 3 Điều 17' }]);
  });

  it.each([
    ['an answer that is not among the options', good.replace('answer: Hai', 'answer: Bốn'), /not one of the options/],
    ['a duplicate id', good.replace('id: c1', 'id: b1'), /duplicate id "b1"/],
    ['a lesson without sources', good.replace(/    sources: \[\{ number: 118\/2025\/NĐ-CP, article: Khoản 3 Điều 17 \}\]\n/, ''), /cites no source/],
    ['a source without an article', good.replace('article: Điều 17', 'article: phần đầu'), /needs a document number and an article/],
    ['only two options', good.replace('[Một, Hai, Ba]', '[Một, Hai]'), /needs 3 or 4 options/],
    ['five options', good.replace('[Một, Hai, Ba]', '[Một, Hai, Ba, Bốn, Năm]'), /needs 3 or 4 options/],
    ['no questions', good.replace(/questions:[\s\S]*$/, 'questions: []\n'), /at least one question/],
    ['an id with a colon', good.replace('id: demo', 'id: "de:mo"'), /course id "de:mo"/],
  ])('reports %s and serves nothing', (_name, text, problem) => {
    const { course, problems } = parseCourseFile(text, 'courses/demo.yaml');
    expect(course).toBeNull();
    expect(problems.join('\n')).toMatch(problem);
    expect(problems[0]).toMatch(/^courses\/demo\.yaml: /);
  });

  it('reports a YAML syntax error instead of throwing', () => {
    const r = parseCourseFile('id: [unclosed', 'courses/x.yaml');
    expect(r.course).toBeNull();
    expect(r.problems[0]).toMatch(/not valid YAML/);
  });
});

describe('checkCourseCitations', () => {
  it('names the item and the citation the knowledge base does not have', () => {
    const course = parseCourseFile(good, 'courses/demo.yaml').course!;
    const problems = checkCourseCitations(course, (number, article) => (number !== '118/2025/NĐ-CP' ? 'no_document' : article.includes('Khoản 3') ? 'no_article' : 'ok'));
    expect(problems).toEqual(['courses/demo.yaml: b1 cites Khoản 3 Điều 17 of 118/2025/NĐ-CP, which the indexed text does not have']);
    expect(checkCourseCitations(course, () => 'no_document')).toHaveLength(2);
    expect(checkCourseCitations(course, () => 'ok')).toEqual([]);
  });
});
