// Server-rendered pages of the example relying party.
import { html, type SafeHtml } from './html.ts';

export const SITE_NAME = '义务教育入学服务平台（演示）';

/** What the home page shows for a logged-in user. Personal data is stored masked. */
export interface PortalUser {
  maskedName: string;
  idType?: string;
  maskedIdNumber?: string;
  maskedPhone?: string;
  phoneVerified?: boolean;
  acr?: string;
  amr: string[];
  /** 法人登录: the entity the person acts for (the `entity` and `acting_person` claims). */
  entity?: PortalEntity;
}

/** The entity of a 法人登录 and the person acting for it (masked as the platform sends them). */
export interface PortalEntity {
  uscc: string;
  name: string;
  actingPerson?: {
    maskedName?: string;
    maskedIdNumber?: string;
    /** `legal_representative` or `agent`; anything else is shown as sent. */
    role?: string;
  };
}

/** Where 法人登录 starts (the same code flow with the `entity` scope and `login_type=entity`). */
export const ENTITY_LOGIN_PATH = '/login/entity';

export const ENTITY_ROLE_LABELS: Record<string, string> = {
  legal_representative: '法定代表人',
  agent: '经办人',
};

export const ACR_LABELS: Record<string, string> = {
  L1: '注册用户',
  L2: '实名用户',
  L3: '实人认证',
  L4: '现场核验',
};

export const AMR_LABELS: Record<string, string> = {
  pwd: '密码',
  sms: '短信',
  face: '人脸',
  mca: '手机确认',
};

// The platform's `id_type` claim (values as in packages/validators' ID_TYPES); anything unknown
// is shown as sent.
const ID_TYPE_LABELS: Record<string, string> = {
  resident_id: '居民身份证',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  hmt_residence_permit: '港澳台居民居住证',
  foreign_permanent_residence: '外国人永久居留身份证',
  passport: '护照',
};

export function acrLabel(acr: string | undefined): string {
  if (!acr) return '未提供';
  const label = ACR_LABELS[acr];
  return label ? `${acr} ${label}` : acr;
}

export function amrLabel(amr: string[]): string {
  if (!amr.length) return '未提供';
  return amr.map((m) => AMR_LABELS[m] ?? m).join('、');
}

export function entityRoleLabel(role: string | undefined): string {
  if (!role) return '未提供';
  return ENTITY_ROLE_LABELS[role] ?? role;
}

export function idTypeLabel(idType: string | undefined): string | undefined {
  if (!idType) return undefined;
  return ID_TYPE_LABELS[idType] ?? idType;
}

export function layout(title: string, body: SafeHtml): string {
  const fullTitle = title === SITE_NAME ? SITE_NAME : `${title} - ${SITE_NAME}`;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<div class="demo-banner" role="note"><strong>演示环境</strong><span>本站为示例接入应用，不受理真实入学申请。</span></div>
<header class="site-header">
  <div class="wrap">
    <a class="site-name" href="/">${SITE_NAME}</a>
    <span class="site-sub">Compulsory Education Enrollment · Demo</span>
  </div>
</header>
<main class="wrap">
${body}
</main>
<footer class="site-footer">
  <div class="wrap">示例接入应用 · 通过 OpenID&nbsp;Connect 接入统一身份认证平台</div>
</footer>
</body>
</html>
`.value;
}

export function homeAnonymousPage(): string {
  return layout(
    SITE_NAME,
    html`<section class="card">
  <h1>${SITE_NAME}</h1>
  <p class="lead">为本市适龄儿童家长提供小学、初中入学信息登记、学区查询和录取结果查询服务。登录后即可在线办理。</p>
  <ul class="services">
    <li><strong>入学信息登记</strong><span>填报儿童及监护人信息</span></li>
    <li><strong>学区划片查询</strong><span>按住址查询对口学校</span></li>
    <li><strong>录取结果查询</strong><span>查看录取学校与报到时间</span></li>
  </ul>
  <div class="login-buttons">
    <a class="btn btn-primary btn-lg" href="/login">使用统一身份认证登录</a>
    <a class="btn btn-secondary btn-lg" href="${ENTITY_LOGIN_PATH}">法人登录</a>
  </div>
  <p class="hint">您将跳转到统一身份认证平台完成登录，本站不会获取您的密码。单位办理业务请选择“法人登录”，由法定代表人或经授权的经办人登录。</p>
</section>`,
  );
}

export function homeUserPage(user: PortalUser, requiredAcr?: string): string {
  const idType = idTypeLabel(user.idType);
  const acrOk = !requiredAcr || (user.acr !== undefined && requiredAcr.split(' ').includes(user.acr));
  const entity = user.entity;
  const acting = entity?.actingPerson;
  const actingPerson = [acting?.maskedName, acting?.maskedIdNumber ? `（${acting.maskedIdNumber}）` : undefined].filter(Boolean).join('');
  return layout(
    SITE_NAME,
    html`<section class="card">
  <h1>欢迎，${user.maskedName}</h1>
  ${
    entity
      ? html`<p class="lead">您已通过统一身份认证平台以法人身份登录，代表以下单位办理业务。以下为平台提供的单位及身份信息（个人信息已脱敏显示）。</p>
  <h2 class="section-title">单位信息</h2>
  <dl class="profile profile-entity">
    <div><dt>单位名称</dt><dd>${entity.name}</dd></div>
    <div><dt>统一社会信用代码</dt><dd>${entity.uscc}</dd></div>
    <div><dt>经办人</dt><dd>${actingPerson || '未提供'}</dd></div>
    <div><dt>身份</dt><dd>${entityRoleLabel(acting?.role)}</dd></div>
  </dl>
  <h2 class="section-title">本次登录</h2>`
      : html`<p class="lead">您已通过统一身份认证平台登录。以下为平台提供的身份信息（已脱敏显示）。</p>`
  }
  <dl class="profile">
    ${
      // An entity login brings no personal claims: the person is the masked 经办人 above.
      entity
        ? ''
        : html`<div><dt>姓名</dt><dd>${user.maskedName}</dd></div>
    ${idType ? html`<div><dt>证件类型</dt><dd>${idType}</dd></div>` : ''}
    <div><dt>证件号码</dt><dd>${user.maskedIdNumber ?? '未提供'}</dd></div>
    <div><dt>手机号码</dt><dd>${user.maskedPhone ?? '未提供'}${user.maskedPhone && user.phoneVerified ? html` <span class="tag">已验证</span>` : ''}</dd></div>`
    }
    <div><dt>认证等级</dt><dd>${acrLabel(user.acr)}</dd></div>
    <div><dt>登录方式</dt><dd>${amrLabel(user.amr)}</dd></div>
  </dl>
  ${acrOk ? '' : html`<p class="notice">本次登录的认证等级低于本站要求（${requiredAcr}），部分业务可能无法办理。</p>`}
  <form method="post" action="/logout">
    <button class="btn btn-secondary" type="submit">退出登录</button>
  </form>
</section>`,
  );
}

export interface ErrorPageOptions {
  title: string;
  message: string;
  /** Offer "重新登录" next to "返回首页". */
  retryLogin?: boolean;
  /** Where "重新登录" goes (default /login). */
  retryHref?: string;
}

export function errorPage(opts: ErrorPageOptions): string {
  return layout(
    opts.title,
    html`<section class="card card-error">
  <h1>${opts.title}</h1>
  <p class="lead">${opts.message}</p>
  <div class="actions">
    ${opts.retryLogin ? html`<a class="btn btn-primary" href="${opts.retryHref ?? '/login'}">重新登录</a>` : ''}
    <a class="btn ${opts.retryLogin ? 'btn-secondary' : 'btn-primary'}" href="/">返回首页</a>
  </div>
</section>`,
  );
}
