import { renderPage } from './app.ts';
import './style.css';

const APP_NAME = ${{ values.name | dump }};

function render(): void {
  const root = document.querySelector<HTMLElement>('#app');
  if (root) root.innerHTML = renderPage(window.location.pathname, APP_NAME);
}

document.addEventListener('click', (event) => {
  const link = (event.target as HTMLElement | null)?.closest<HTMLAnchorElement>('a[data-link]');
  if (!link) return;
  event.preventDefault();
  window.history.pushState({}, '', link.href);
  render();
});
window.addEventListener('popstate', render);
render();
