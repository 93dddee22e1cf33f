import { describe, expect, it } from 'vitest';
import { featureTable } from './feature-table.ts';

describe('featureTable', () => {
  it('lines up feature, adapter and state, saying what "off" means', () => {
    const table = featureTable([
      { feature: '实名核验 (identity registry)', adapter: 'none', on: false, off: '注册账号为 L1（未实名）' },
      { feature: 'SMS', adapter: 'tencent', on: true, off: '' },
    ]);
    expect(table.split('\n')).toEqual([
      '  功能 feature                  适配器 adapter  状态 state',
      '  实名核验 (identity registry)  none            关 off：注册账号为 L1（未实名）',
      '  SMS                           tencent         开 on',
    ]);
  });
});
