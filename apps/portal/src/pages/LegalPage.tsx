import { ui } from '@uia/i18n';
import { Link } from '@uia/web';

interface LegalDoc {
  readonly heading: string;
  readonly intro: string;
  readonly sections: readonly { readonly heading: string; readonly paragraphs: readonly string[] }[];
}

/** 《用户服务协议》 / 《隐私政策》 */
export function LegalPage({ doc }: { doc: LegalDoc }) {
  return (
    <article className="panel legal">
      <h1 className="panel-title">{doc.heading}</h1>
      <p className="legal-intro">{doc.intro}</p>
      {doc.sections.map((section) => (
        <section key={section.heading} className="legal-section">
          <h2>{section.heading}</h2>
          {section.paragraphs.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </section>
      ))}
      <p className="legal-back">
        <Link to="/">{ui.site.homeLink}</Link>
      </p>
    </article>
  );
}
