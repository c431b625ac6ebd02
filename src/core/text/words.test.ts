import { describe, expect, it } from 'vitest';
import { descriptive, informative } from './words.js';

describe('descriptive words', () => {
  it('drops stop words, punctuation, digits and single Latin letters', () => {
    expect(['的', '公司', '，', '2024', 'a', ' '].filter(informative)).toEqual([]);
    expect(['影像', '电解质', 'lidar'].every(informative)).toBe(true);
  });
  it('also drops the labels every sample or company record carries, in any case', () => {
    expect(['示例', 'Sample', '有限公司', 'Ltd', '影像'].filter(descriptive)).toEqual(['影像']);
  });
});
