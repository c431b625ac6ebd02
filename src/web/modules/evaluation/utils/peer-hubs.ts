/**
 * Beijing's published ranks in international indices, as the seeds and the
 * research note (../shared/research/index-anchors.md) cite them. Ranks only:
 * none of these indices publishes open scores. `secondary` marks a rank read
 * in a press mirror rather than the report itself.
 */

export type PeerRank = {
  index: 'gihi' | 'giiClusters' | 'natureIndex';
  edition: string;
  beijing: number;
  /** The units ahead of Beijing, as published. */
  ahead: readonly string[];
  secondary: boolean;
  source: { label: string; url: string | null };
};

export const PEER_RANKS: readonly PeerRank[] = [
  { index: 'gihi', edition: '2020', beijing: 5, ahead: [], secondary: true, source: { label: 'goldenwellchina.com (report coverage)', url: 'http://m.goldenwellchina.com/news/number-said-the-achievements-of-beijing-scienc-41049013.html' } },
  { index: 'gihi', edition: '2021', beijing: 4, ahead: ['San Francisco–San Jose', 'New York', 'London'], secondary: true, source: { label: 'fxbaogao.com (report mirror)', url: 'https://fxbaogao.com/detail/2853123' } },
  { index: 'gihi', edition: '2022', beijing: 3, ahead: ['San Francisco–San Jose', 'New York'], secondary: true, source: { label: 'ccyxbj.cn (report mirror)', url: 'http://www.ccyxbj.cn/baogao/110272.html' } },
  { index: 'gihi', edition: '2023', beijing: 3, ahead: ['San Francisco–San Jose', 'New York'], secondary: true, source: { label: 'ccyxbj.cn (report mirror)', url: 'http://www.ccyxbj.cn/bgdown/150243.html?dtype=0' } },
  { index: 'gihi', edition: '2024', beijing: 3, ahead: [], secondary: true, source: { label: 'China Daily, 22 Nov 2024', url: 'https://global.chinadaily.com.cn/a/202411/22/WS67408371a310f1265a1cf25d_2.html' } },
  { index: 'giiClusters', edition: '2020', beijing: 4, ahead: [], secondary: true, source: { label: 'goldenwellchina.com', url: 'http://m.goldenwellchina.com/news/number-said-the-achievements-of-beijing-scienc-41049013.html' } },
  { index: 'giiClusters', edition: '2022', beijing: 3, ahead: ['Tokyo–Yokohama', 'Shenzhen–Hong Kong–Guangzhou'], secondary: true, source: { label: 'China Daily, Oct 2022', url: 'https://investinchina.chinadaily.com.cn/s/202210/27/WS635a4cba498ea274927a6c73/top-10-global-science-and-technology-clusters.html' } },
  { index: 'giiClusters', edition: '2023', beijing: 4, ahead: ['Tokyo–Yokohama', 'Shenzhen–Hong Kong–Guangzhou', 'Seoul'], secondary: true, source: { label: 'aimweb.pl', url: 'https://aimweb.pl/science-and-technology-clusters-ranking-2023/' } },
  { index: 'giiClusters', edition: '2024', beijing: 3, ahead: ['Tokyo–Yokohama', 'Shenzhen–Hong Kong–Guangzhou'], secondary: true, source: { label: 'Space Daily (WIPO release)', url: 'https://spacedaily.com/reports/Tokyo-Yokohama_still_worlds_top_science-tech_cluster_UN_999.html' } },
  { index: 'giiClusters', edition: '2025', beijing: 4, ahead: ['Shenzhen–Hong Kong–Guangzhou', 'Tokyo–Yokohama', 'San Jose–San Francisco'], secondary: true, source: { label: 'China Daily Asia', url: 'https://www.chinadailyasia.com/article/619010' } },
  { index: 'natureIndex', edition: '2020', beijing: 1, ahead: [], secondary: false, source: { label: 'China Daily, 23 Sep 2020', url: 'https://www.chinadaily.com.cn/a/202009/23/WS5f6ae725a31024ad0ba7b477.html' } },
  { index: 'natureIndex', edition: '2021', beijing: 1, ahead: [], secondary: true, source: { label: 'gochinatech.com', url: 'https://gochinatech.com/15678' } },
  { index: 'natureIndex', edition: '2024', beijing: 1, ahead: [], secondary: true, source: { label: 'China Daily, 22 Nov 2024', url: 'https://global.chinadaily.com.cn/a/202411/22/WS67408371a310f1265a1cf25d_2.html' } },
];

/** What the centre's own seed sources say, verbatim, beside the published tables. */
export const SEED_CLAIMS = [
  {
    key: 'gihi2020',
    quote: '在2020年全球科技创新中心指数中,北京排名世界第四',
    source: { label: '《经济日报》访谈 (Economic Daily interview), 2021, via btchangqing.cn', url: 'https://www.btchangqing.cn/299537.html' },
  },
  {
    key: 'natureIndex',
    quote: '科研成果连续三年位居《自然》杂志“自然指数——科研城市”榜首',
    source: { label: '《经济日报》访谈 (Economic Daily interview), 2021, via btchangqing.cn', url: 'https://www.btchangqing.cn/299537.html' },
  },
] as const;
