import { describe, expect, it } from 'vitest';
import { ENTITY_LOGIN_PATH, homeAnonymousPage, homeUserPage, type PortalUser } from './views.ts';

const PERSON: PortalUser = { maskedName: '李*', maskedIdNumber: '340***********001X', acr: 'L2', amr: ['pwd'] };

describe('edu-portal views: 法人登录', () => {
  it('offers 法人登录 next to 使用统一身份认证登录', () => {
    const page = homeAnonymousPage();
    expect(page).toMatch(
      /<div class="login-buttons">\s*<a class="btn btn-primary btn-lg" href="\/login">使用统一身份认证登录<\/a>\s*<a class="btn btn-secondary btn-lg" href="\/login\/entity">法人登录<\/a>/,
    );
    expect(ENTITY_LOGIN_PATH).toBe('/login/entity');
  });

  it("renders an agent's 单位信息, escaped", () => {
    const page = homeUserPage({
      ...PERSON,
      entity: { uscc: '914403001922038216', name: '深圳<示例>贸易有限公司', actingPerson: { maskedName: '李*', maskedIdNumber: '340***********001X', role: 'agent' } },
    });
    expect(page).toContain('<h2 class="section-title">单位信息</h2>');
    expect(page).toContain('<dt>单位名称</dt><dd>深圳&lt;示例&gt;贸易有限公司</dd>');
    expect(page).toContain('<dt>统一社会信用代码</dt><dd>914403001922038216</dd>');
    expect(page).toContain('<dt>经办人</dt><dd>李*（340***********001X）</dd>');
    expect(page).toContain('<dt>身份</dt><dd>经办人</dd>');
    expect(page).toContain('以法人身份登录');
  });

  it('says 未提供 when the acting person is missing, and shows no entity block for a personal login', () => {
    const entityOnly = homeUserPage({ ...PERSON, entity: { uscc: '91440300708461136T', name: '示例单位' } });
    expect(entityOnly).toContain('<dt>经办人</dt><dd>未提供</dd>');
    expect(entityOnly).toContain('<dt>身份</dt><dd>未提供</dd>');

    const personal = homeUserPage(PERSON);
    expect(personal).not.toContain('单位信息');
    expect(personal).toContain('您已通过统一身份认证平台登录。以下为平台提供的身份信息（已脱敏显示）。');
  });
});
