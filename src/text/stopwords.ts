import { foldDiacritics } from './vietnamese.js';

/**
 * Vietnamese function words that carry no topic on their own. They are dropped as single-syllable terms,
 * but still take part in syllable bigrams ("một cửa", "có thẩm quyền" keep their meaning that way).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'của và các những là thì mà được bị có cho với trong theo này đó kia khi nếu hay hoặc để từ về ' +
    'ra vào lên đến tới tại do bởi vì nên nhưng cũng đã đang sẽ rằng như nhau thế vậy cùng mỗi ' +
    'mọi từng một hai ba ở trên dưới sau trước lại vẫn còn rất quá nữa chỉ đều luôn ai gì nào ' +
    'sao đâu bao nhiêu không chưa phải hãy xin ạ à ơi nhé nhỉ hả vâng dạ tôi em anh chị mình ' +
    'chúng ta họ nó bạn thưa hỏi cho biết việc điều'
  ).split(/\s+/),
);

/**
 * Words that only shape a question ("như thế nào", "bao nhiêu", "đúng hay sai"): a bigram that contains
 * one of them says nothing about the topic, so it is not used as a search term.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  'gì nào sao đâu bao nhiêu không chưa phải hãy xin ạ à ơi nhé nhỉ hả vâng dạ thưa hỏi biết đúng sai thế vậy'.split(
    /\s+/,
  ),
);

/** Folded forms of {@link STOPWORDS}, for text typed without diacritics. */
export const FOLDED_STOPWORDS: ReadonlySet<string> = new Set(
  // Folded "cơ"/"cổ" collide with "có"; keep only forms that do not clash with frequent content syllables.
  [...STOPWORDS].map(foldDiacritics).filter((w) => !['co', 'ba', 'hai', 'sau', 'ra', 'ca', 'me'].includes(w)),
);

/** Folded forms of {@link QUESTION_WORDS}. */
export const FOLDED_QUESTION_WORDS: ReadonlySet<string> = new Set(
  [...QUESTION_WORDS].map(foldDiacritics).filter((w) => !['sai', 'dung', 'the', 'bao'].includes(w)),
);
