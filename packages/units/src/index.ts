/** @module @ketapath/units: physical quantities with their units in the name, and explicit conversions. */
export * from './mass.js';
export * from './time.js';
export * from './dose.js';
export * from './body-size.js';
export * from './pump.js';
