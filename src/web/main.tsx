import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { loadDashboardPage } from './app/router.js';
import './app/styles.css';

// The home page is the usual landing page: fetch its code alongside the shell, not after it.
if (window.location.pathname === '/') void loadDashboardPage();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
