import { ui } from '@uia/i18n';
import { Link } from '@uia/web';
import type { Me } from '../api.ts';
import { Icon } from '../components/Icons.tsx';
import { Screen } from '../components/Layout.tsx';
import { RequireLogin } from '../require-login.tsx';
import { paths } from '../router.ts';

const st = ui.app.settings;

/** 设置 (the icon top right of 我的): 换绑手机号. */
export function SettingsPage() {
  return <RequireLogin here={paths.settings} title={st.pageTitle} page={Settings} />;
}

function Settings({ me }: { me: Me }) {
  return (
    <Screen title={st.pageTitle} back={paths.me}>
      <section className="card card-flush" aria-labelledby="settings-account">
        <h2 id="settings-account" className="list-heading">
          {st.accountSection}
        </h2>
        <ul className="menu">
          <li>
            <Link to={paths.phone} className="menu-item">
              <Icon name="phone" className="menu-icon" />
              <span className="menu-label">{st.changePhone}</span>
              <span className="menu-value mono">{me.person.maskedPhone ?? ui.app.me.phoneNone}</span>
              <Icon name="chevronRight" className="menu-chevron" />
            </Link>
          </li>
        </ul>
      </section>
    </Screen>
  );
}
