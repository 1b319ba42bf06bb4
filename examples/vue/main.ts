import { createApp } from 'vue';
import 'live-elements'; // registers the five elements
import App from './App.vue';

createApp(App).mount('#app');
