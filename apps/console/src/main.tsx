import { mount } from '@uia/web';
import { App } from './App.tsx';
import '@uia/web/base.css';
import './styles.css';

mount(<App />);
