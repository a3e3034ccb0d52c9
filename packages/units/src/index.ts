/** @module @ketapath/units: physical quantities with their units in the type, and explicit conversions. */
export * from './mass.js';
