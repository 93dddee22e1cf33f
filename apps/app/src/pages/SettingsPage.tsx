import { ui } from '@uia/i18n';
import { Link } from '@uia/web';
import { ChevronRight, PhoneIcon } from '../components/Icons.tsx';
import { Screen } from '../components/Layout.tsx';
import { RequireLogin } from '../require-login.tsx';
import { paths } from '../router.ts';

const st = ui.app.settings;

/** 设置 (the icon top right of 我的): 换绑手机号. */
export function SettingsPage() {
  return (
    <RequireLogin here={paths.settings} title={st.pageTitle}>
      {(me) => (
        <Screen title={st.pageTitle} back={paths.me}>
          <section className="card card-flush" aria-labelledby="settings-account">
            <h2 id="settings-account" className="list-heading">
              {st.accountSection}
            </h2>
            <ul className="menu">
              <li>
                <Link to={paths.phone} className="menu-item">
                  <PhoneIcon className="menu-icon" />
                  <span className="menu-label">{st.changePhone}</span>
                  <span className="menu-value mono">{me.person.maskedPhone ?? ui.app.me.phoneNone}</span>
                  <ChevronRight className="menu-chevron" />
                </Link>
              </li>
            </ul>
          </section>
        </Screen>
      )}
    </RequireLogin>
  );
}
