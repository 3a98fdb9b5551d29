// Only the version is read from package.json; the bundler drops the rest of the file.
export { version as APP_VERSION } from '../../../package.json';
