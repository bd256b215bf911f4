/**
 * Common Simplified Chinese function words: particles, pronouns, conjunctions, prepositions,
 * adverbs of degree and frequent auxiliaries, as single characters and short words. A compact
 * hand-picked subset of the widely used public lists (e.g. the HIT / Baidu stop-word tables); it
 * targets tokens produced by `cjkTokenize` (single characters and bigrams) as well as segmented words.
 */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '着', '过', '地', '得', '之', '所', '是', '在', '和', '与', '及', '或', '而', '并', '且', '也', '都', '就',
  '还', '又', '再', '才', '只', '很', '太', '更', '最', '非常', '比较', '已', '已经', '曾', '曾经', '正', '正在', '将',
  '会', '能', '可', '可以', '要', '想', '应', '应该', '该', '把', '被', '让', '给', '对', '向', '从', '自', '自从', '到',
  '于', '为', '为了', '以', '以及', '因', '因为', '所以', '由于', '因此', '但', '但是', '可是', '然而', '而且', '如果',
  '假如', '虽然', '即使', '即', '就是', '还是', '或者', '不是', '没有', '没', '不', '无', '非', '别', '我', '你', '您',
  '他', '她', '它', '我们', '你们', '他们', '她们', '它们', '咱们', '自己', '这', '那', '这个', '那个', '这些', '那些',
  '这里', '那里', '这样', '那样', '这么', '那么', '哪', '哪里', '哪个', '什么', '怎么', '怎样', '为什么', '谁', '其',
  '其中', '其他', '其它', '每', '各', '某', '些', '个', '一个', '一些', '一', '吗', '呢', '吧', '啊', '呀', '哦', '嗯',
  '哈', '啦', '嘛', '么', '等', '等等', '如', '像', '比', '跟', '同', '关于', '对于', '至于', '按照', '根据', '通过',
  '随着', '当', '时', '时候', '上', '下', '中', '里', '内', '外', '前', '后', '来', '去', '说', '有', '个别', '之一',
]);
