import { mount } from '@uia/web';
import { App } from './App.tsx';
import './styles.css';

mount(<App />);
