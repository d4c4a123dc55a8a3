import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// Before the first render: the language is chosen and the texts are loaded synchronously.
import './i18n';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
