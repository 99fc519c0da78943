/** ocr-cli's engine as a Spark API ({@link dev.ocrcli.spark.OcrSpark}) and job ({@link dev.ocrcli.spark.OcrJob}). */
package dev.ocrcli.spark;
