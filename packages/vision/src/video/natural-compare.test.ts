import { describe, expect, it } from 'vitest';
import { naturalCompare } from './natural-compare.js';

describe('naturalCompare', () => {
  it('orders digit runs as numbers: frame2 before frame10', () => {
    const names = ['frame10.png', 'frame2.png', 'frame1.png', 'frame100.png', 'frame20.png', 'Frame3.png'];
    expect(names.sort(naturalCompare)).toEqual(['frame1.png', 'frame2.png', 'Frame3.png', 'frame10.png', 'frame20.png', 'frame100.png']);
  });

  it('handles leading zeros, several numbers and prefixes', () => {
    expect(['a-2-10', 'a-2-9', 'a-10-1', 'b-1', 'a-1'].sort(naturalCompare)).toEqual(['a-1', 'a-2-9', 'a-2-10', 'a-10-1', 'b-1']);
    expect(['img_010.png', 'img_9.png', 'img_0009.png'].sort(naturalCompare)).toEqual(['img_9.png', 'img_0009.png', 'img_010.png']);
    expect(['shot12.jpg', 'shot12.png', 'shot1.png'].sort(naturalCompare)).toEqual(['shot1.png', 'shot12.jpg', 'shot12.png']);
    expect(naturalCompare('x', 'x')).toBe(0);
    expect(naturalCompare('99999999999999999999', '100000000000000000000')).toBeLessThan(0);
  });
});
