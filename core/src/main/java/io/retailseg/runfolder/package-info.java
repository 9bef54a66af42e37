/**
 * The run folder's format, defined once: file names, CSV column names and the one JSON mapping
 * (Jackson, snake_case) through which every JSON file of a run folder is written and read. A missing
 * or malformed field is an {@link io.retailseg.InputException} naming the file and the field.
 */
package io.retailseg.runfolder;
