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

/**
 * Folded stopwords: only the folded forms that do not collide with frequent content syllables. Folding
 * merges many words ("của"/"cửa", "hỏi"/"hội", "tại"/"tài", "vẫn"/"văn", "tôi"/"tội"), so dropping every
 * folded stopword would lose "một cửa" or "hội đồng" from questions typed without diacritics. This list
 * was checked against the syllable counts of the shared legal corpus.
 */
export const FOLDED_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'duoc nhung neu cac la va voi mot theo se rang nhau o tren duoi truoc nua deu luon ai gi nao khong ' +
    'phai hay xin a oi nhe nhi thua biet viec dieu nay'
  ).split(' '),
);

/** Folded question words, with the same care for collisions ("vàng", "hội", "đầu" are content words). */
export const FOLDED_QUESTION_WORDS: ReadonlySet<string> = new Set('gi nao sao khong phai a oi nhe nhi thua biet'.split(' '));
