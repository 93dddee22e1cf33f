import { consoleAuditUi } from './ui-console-audit.ts';
import { consoleSecurityUi } from './ui-console-security.ts';
import { consoleSystemUi } from './ui-console-system.ts';

/**
 * 管理控制台 (apps/console): the operator console's text, part of the one
 * catalogue (`ui.console`). Each role's pages add their own block here.
 */
export const consoleUi = {
  title: '管理控制台',
  loginHeading: '管理控制台登录',
  loginText: '管理控制台仅供系统管理员、安全管理员和审计管理员使用。登录需要两种方式：密码加绑定手机的短信验证码，或使用手机App刷脸后扫码。',
  loginButton: '登录管理控制台',
  loading: '正在加载…',
  loadFailed: '加载失败',
  retry: '重试',
  logout: '退出',
  loggingOut: '正在退出…',
  /** The header's line about who is logged in, e.g. 周** · 系统管理员. */
  who: '{name}（{roleName}）',
  navLabel: '控制台功能',
  notFoundTitle: '页面不存在',
  notFoundText: '您访问的控制台页面不存在，或不属于您的管理角色。',
  notFoundLink: '返回控制台首页',
  confirmCancel: '取消',
  system: consoleSystemUi,
  security: consoleSecurityUi,
  audit: consoleAuditUi,
  /** 系统管理员 · 运行状态: readiness, versions, feature switches, and 签名密钥轮换. */
  health: {
    heading: '运行状态',
    readiness: '就绪检查',
    ready: '平台就绪，可以处理登录',
    notReady: '平台未就绪：有依赖不可用',
    checkColumn: '检查项',
    stateColumn: '状态',
    ok: '正常',
    unavailable: '不可用',
    checks: { database: '数据库', keyValue: '缓存与会话存储', identityRegistry: '实名核验服务', faceVerifier: '人脸识别服务', businessRegistry: '企业登记信息服务' },
    versions: '版本',
    platformVersion: '平台 {version}',
    nodeVersion: 'Node.js {version}',
    features: '功能开关',
    on: '开启',
    off: '关闭',
    featureNames: { realName: '实名核验（注册时）', faceCheck: '人脸识别（手机App）', entityServices: '法人登录与单位服务', ipRegion: '登录地区显示' },
    signingKeys: '签名密钥',
    signingKeysText: '轮换会为每种算法（RS256、ES256）生成新的签名密钥；各节点下次启动后用新密钥签名，旧密钥仍可验证已签发的令牌。',
    rotate: '轮换签名密钥',
    rotating: '正在轮换…',
    rotateConfirm: '确定要轮换签名密钥吗？此操作将被记入审计日志。',
    rotated: '已生成新的签名密钥：{kids}',
    refresh: '刷新',
  },
  /** Each role's sections, as the navigation names them. */
  sections: {
    clients: '依赖方管理',
    health: '运行状态',
    accounts: '账号管理',
    roles: '角色管理',
    audit: '审计日志',
  },
} as const;
